package io.muster.messaging;

import io.muster.options.Limits;
import jakarta.jms.BytesMessage;
import jakarta.jms.JMSException;
import jakarta.jms.Message;
import jakarta.jms.TextMessage;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * The text of a message on a request queue: text as sent by JMS and STOMP clients, bytes as sent
 * by AMQP and MQTT clients, read as UTF-8. A bytes body is read whole or not at all: its declared
 * length is checked before anything is read, and a body the broker hands over only in part is
 * refused, never read from the middle (Artemis did that to a plain message over its journal's
 * record size, so a command hidden in the tail of a body ran instead of the one at its start).
 */
final class MessageBodies {

    /** The most bytes a body within {@link Limits#BODY_CHARS} characters can take in UTF-8. */
    static final long MAX_BYTES = 4L * Limits.BODY_CHARS;

    private static final char BYTE_ORDER_MARK = '\uFEFF';

    private MessageBodies() {
    }

    /** Why a body is not read: too long, cut short, not UTF-8. The message names the body's size or the bad bytes. */
    static final class RefusedBody extends RuntimeException {
        RefusedBody(String message) {
            super(message, null, false, false);
        }
    }

    /**
     * The body's text, a leading byte-order mark dropped (null for a text message without text).
     *
     * @throws RefusedBody if it is not one whole UTF-8 text within the limit, or the message is of
     *                     another kind (map, object, stream, none)
     */
    static String text(Message message) throws JMSException {
        if (message instanceof TextMessage text) {
            return withoutByteOrderMark(text.getText());
        }
        if (!(message instanceof BytesMessage bytes)) {
            throw new RefusedBody("is a " + kind(message) + "; a request is a text or bytes message holding one JSON"
                    + " object");
        }
        long length = bytes.getBodyLength();
        if (length > MAX_BYTES) {
            throw new RefusedBody("body is " + length + " bytes long; a submission takes at most " + Limits.BODY_CHARS
                    + " characters (" + MAX_BYTES + " bytes of UTF-8)");
        }
        byte[] data = read(bytes, (int) length);
        if (data.length != length) {
            throw new RefusedBody("only " + data.length + " of the body's " + length + " bytes could be read; send it"
                    + " again, as a text message or with the client's large-message size below 490 KiB");
        }
        try {
            return withoutByteOrderMark(StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(data)).toString());
        } catch (CharacterCodingException e) {
            throw new RefusedBody("body is not UTF-8 text (" + e.getMessage() + ")");
        }
    }

    /** Up to {@code most} bytes from the start of the body, fewer if fewer arrive; the body can be read again after. */
    static byte[] read(BytesMessage bytes, int most) throws JMSException {
        bytes.reset();
        byte[] data = new byte[most];
        byte[] chunk = new byte[Math.min(most, 64 * 1024)];
        int read = 0;
        while (read < most) {
            int n = bytes.readBytes(chunk, Math.min(chunk.length, most - read));
            if (n <= 0) {
                break;
            }
            System.arraycopy(chunk, 0, data, read, n);
            read += n;
        }
        bytes.reset();
        return read == most ? data : java.util.Arrays.copyOf(data, read);
    }

    private static String kind(Message message) {
        if (message instanceof jakarta.jms.MapMessage) {
            return "map message";
        }
        if (message instanceof jakarta.jms.ObjectMessage) {
            return "Java object message";
        }
        if (message instanceof jakarta.jms.StreamMessage) {
            return "stream message";
        }
        return "message without a body";
    }

    private static String withoutByteOrderMark(String text) {
        return text != null && !text.isEmpty() && text.charAt(0) == BYTE_ORDER_MARK ? text.substring(1) : text;
    }
}
