package io.muster.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.muster.config.MusterConfig;
import jakarta.jms.BytesMessage;
import jakarta.jms.Connection;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a body, on messages made by a real (embedded) broker's session; {@link LargeBodiesIT} sends them. */
class MessageBodiesIT {

    @TempDir
    static Path data;

    private static EmbeddedBroker broker;
    private static Connection connection;
    private static Session session;

    @BeforeAll
    static void start() throws Exception {
        broker = new EmbeddedBroker(new MusterConfig(data, MusterConfig.DEFAULT_BROKER_HOST, 0, 1, 1024, 8));
        broker.start();
        connection = broker.connectionFactory().createConnection();
        session = connection.createSession(false, Session.AUTO_ACKNOWLEDGE);
    }

    @AfterAll
    static void stop() throws Exception {
        connection.close();
        broker.stop();
    }

    @Test
    void readsABytesBodyAsUtf8TextAndCanReadItAgain() throws Exception {
        BytesMessage message = bytes("{\"command\":\"echo ünïcode\"}".getBytes(StandardCharsets.UTF_8));

        assertThat(MessageBodies.text(message)).isEqualTo("{\"command\":\"echo ünïcode\"}");
        assertThat(MessageBodies.text(message)).as("read twice").isEqualTo("{\"command\":\"echo ünïcode\"}");
    }

    @Test
    void refusesABytesBodyThatIsNotUtf8InsteadOfReplacingItsBytes() throws Exception {
        BytesMessage message = bytes(new byte[] {'{', '"', 'c', (byte) 0xC3, (byte) 0x28, '"', '}'});

        assertThatThrownBy(() -> MessageBodies.text(message)).isInstanceOf(MessageBodies.RefusedBody.class)
                .hasMessageStartingWith("body is not UTF-8 text");
    }

    @Test
    void dropsALeadingByteOrderMark() throws Exception {
        byte[] body = "\uFEFF{\"command\":\"true\"}".getBytes(StandardCharsets.UTF_8);

        assertThat(MessageBodies.text(bytes(body))).isEqualTo("{\"command\":\"true\"}");
        TextMessage text = session.createTextMessage("\uFEFF{\"command\":\"true\"}");
        assertThat(MessageBodies.text(text)).isEqualTo("{\"command\":\"true\"}");
    }

    @Test
    void readsAtMostWhatIsAskedFromTheStart() throws Exception {
        BytesMessage message = bytes("0123456789".getBytes(StandardCharsets.UTF_8));

        assertThat(new String(MessageBodies.read(message, 4), StandardCharsets.US_ASCII)).isEqualTo("0123");
        assertThat(MessageBodies.text(message)).as("the whole body after a partial read").isEqualTo("0123456789");
    }

    @Test
    void refusesAMessageOfAnotherKindNamingIt() throws Exception {
        jakarta.jms.MapMessage map = session.createMapMessage();
        map.setString("command", "echo hi");

        assertThatThrownBy(() -> MessageBodies.text(map)).isInstanceOf(MessageBodies.RefusedBody.class)
                .hasMessage("is a map message; a request is a text or bytes message holding one JSON object");
        assertThatThrownBy(() -> MessageBodies.text(session.createMessage()))
                .hasMessageStartingWith("is a message without a body");
    }

    private static BytesMessage bytes(byte[] body) throws Exception {
        BytesMessage message = session.createBytesMessage();
        message.writeBytes(body);
        message.reset();
        return message;
    }
}
