package io.muster.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.muster.config.MusterConfig;
import io.muster.testing.TestServer;
import jakarta.jms.Connection;
import jakarta.jms.DeliveryMode;
import jakarta.jms.MessageConsumer;
import jakarta.jms.MessageProducer;
import jakarta.jms.Session;
import jakarta.jms.TextMessage;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.activemq.artemis.jms.client.ActiveMQConnectionFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The broker keeps every submission it acknowledged, however it was sent: a STOMP frame without
 * {@code persistent:true} and a non-persistent JMS send to {@code muster.submit} are still there
 * after the broker restarts, while a non-persistent message to another queue is not (so the test
 * can tell).
 */
class PersistentSubmissionsIT {

    @TempDir
    Path data;

    @Test
    void nonPersistentSubmissionsSurviveABrokerRestartAndOtherNonPersistentMessagesDoNot() throws Exception {
        int port = TestServer.freePort();
        MusterConfig config = new MusterConfig(data, MusterConfig.DEFAULT_BROKER_HOST, port, 1, 1024, 8);
        String url = "tcp://127.0.0.1:" + port;
        EmbeddedBroker broker = new EmbeddedBroker(config);
        broker.start();
        try {
            stompSend(port, "muster.submit", "{\"command\":\"echo stomp\"}");
            try (Connection c = new ActiveMQConnectionFactory(url).createConnection()) {
                Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
                MessageProducer producer = s.createProducer(null);
                producer.setDeliveryMode(DeliveryMode.NON_PERSISTENT);
                producer.send(s.createQueue("muster.submit"), s.createTextMessage("{\"command\":\"echo jms\"}"));
                producer.send(s.createQueue("muster.unrelated"), s.createTextMessage("gone"));
            }
        } finally {
            broker.stop();
        }

        EmbeddedBroker again = new EmbeddedBroker(config);
        again.start();
        try {
            assertThat(drain(url, "muster.submit")).containsExactlyInAnyOrder("{\"command\":\"echo stomp\"}",
                    "{\"command\":\"echo jms\"}");
            assertThat(drain(url, "muster.unrelated")).as("non-persistent elsewhere: lost, as Artemis does").isEmpty();
        } finally {
            again.stop();
        }
    }

    private static List<String> drain(String url, String queue) throws Exception {
        List<String> out = new ArrayList<>();
        try (Connection c = new ActiveMQConnectionFactory(url).createConnection()) {
            Session s = c.createSession(false, Session.AUTO_ACKNOWLEDGE);
            MessageConsumer consumer = s.createConsumer(s.createQueue(queue));
            c.start();
            jakarta.jms.Message m;
            while ((m = consumer.receive(1000)) != null) {
                out.add(m instanceof TextMessage t ? t.getText()
                        : new String(m.getBody(byte[].class), StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** A plain STOMP 1.2 SEND, without persistent:true, waiting for the broker's receipt. */
    private static void stompSend(int port, String destination, String body) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            out.write("CONNECT\naccept-version:1.2\nhost:localhost\n\n\0".getBytes(StandardCharsets.UTF_8));
            assertThat(frame(in)).startsWith("CONNECTED");
            out.write(("SEND\ndestination:" + destination + "\ndestination-type:ANYCAST\nreceipt:r1\n"
                    + "content-type:application/json\n\n" + body + "\0").getBytes(StandardCharsets.UTF_8));
            assertThat(frame(in)).startsWith("RECEIPT");
            out.write("DISCONNECT\n\n\0".getBytes(StandardCharsets.UTF_8));
        }
    }

    private static String frame(InputStream in) throws Exception {
        StringBuilder text = new StringBuilder();
        int b;
        while ((b = in.read()) > 0 || (b == '\n' && text.length() == 0)) {
            if (!(b == '\n' && text.length() == 0)) {
                text.append((char) b);
            }
        }
        return text.toString();
    }
}
