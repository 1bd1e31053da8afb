package io.github.telegrammcp.outgoing;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

import io.github.telegrammcp.files.ImageInfo;
import io.github.telegrammcp.files.ImageInfo.Format;

class PhotoRulesTest {

    @Test
    void photoRulesFollowTelegramsLimits() {
        ImageInfo normal = new ImageInfo(Format.PNG, 1920, 1080);
        assertThat(FileDelivery.whyNotAPhoto(normal, 2_000_000)).isEmpty();
        assertThat(FileDelivery.whyNotAPhoto(normal, 11L * 1024 * 1024)).contains("11.0 MB").contains("10 MB");
        assertThat(FileDelivery.whyNotAPhoto(new ImageInfo(Format.PNG, 2100, 100), 1000)).contains("20:1");
        assertThat(FileDelivery.whyNotAPhoto(new ImageInfo(Format.PNG, 2000, 100), 1000)).as("exactly 20:1").isEmpty();
        assertThat(FileDelivery.whyNotAPhoto(new ImageInfo(Format.JPEG, 6000, 5000), 1000)).contains("10000");
    }
}
