package io.muster.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The listener answers a submission on its last attempt: it must count attempts as the broker does. */
class SubmitDeliveryAttemptsTest {

    @Test
    void theListenersLastAttemptIsTheBrokersMaxDeliveryAttemptsForMusterAddresses() throws Exception {
        String xml = Files.readString(Path.of(EmbeddedBroker.BROKER_XML));
        Matcher setting = Pattern.compile("<address-setting match=\"muster\\.#\">(.*?)</address-setting>",
                Pattern.DOTALL).matcher(xml);
        assertThat(setting.find()).isTrue();
        Matcher attempts = Pattern.compile("<max-delivery-attempts>(\\d+)</max-delivery-attempts>")
                .matcher(setting.group(1));
        assertThat(attempts.find()).isTrue();

        assertThat(Integer.parseInt(attempts.group(1))).isEqualTo(SubmissionListener.MAX_DELIVERY_ATTEMPTS);
    }
}
