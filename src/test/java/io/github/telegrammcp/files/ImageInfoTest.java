package io.github.telegrammcp.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import io.github.telegrammcp.files.ImageInfo.Format;

class ImageInfoTest {

    @ParameterizedTest
    @CsvSource({ "png, PNG, image/png", "jpg, JPEG, image/jpeg", "gif, GIF, image/gif", "webp, WEBP, image/webp" })
    void formatAndSizeAreReadFromTheContent(String file, Format format, String contentType) {
        ImageInfo info = ImageInfo.probe(TestImages.image(file, 321, 123)).orElseThrow();
        assertThat(info.format()).isEqualTo(format);
        assertThat(info.format().contentType()).isEqualTo(contentType);
        assertThat(info.width()).isEqualTo(321);
        assertThat(info.height()).isEqualTo(123);
    }

    @Test
    void lossyAndExtendedWebpHeadersGiveTheSize() {
        byte[] lossy = new byte[30];
        System.arraycopy("RIFF\0\0\0\0WEBPVP8 ".getBytes(StandardCharsets.US_ASCII), 0, lossy, 0, 16);
        lossy[26] = (byte) 0x90; // 400 = 0x190
        lossy[27] = 0x01;
        lossy[28] = 0x2c; // 300 = 0x12c
        lossy[29] = 0x01;
        assertThat(ImageInfo.probe(lossy).orElseThrow()).isEqualTo(new ImageInfo(Format.WEBP, 400, 300));
        byte[] extended = new byte[30];
        System.arraycopy("RIFF\0\0\0\0WEBPVP8X".getBytes(StandardCharsets.US_ASCII), 0, extended, 0, 16);
        extended[24] = (byte) 0xff; // width - 1 = 0x0003ff
        extended[25] = 0x03;
        extended[27] = 0x09; // height - 1 = 9
        assertThat(ImageInfo.probe(extended).orElseThrow()).isEqualTo(new ImageInfo(Format.WEBP, 1024, 10));
    }

    @Test
    void otherContentIsNoPhotoWhateverItsName() {
        assertThat(ImageInfo.probe("<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(StandardCharsets.UTF_8)))
                .isEmpty();
        assertThat(ImageInfo.probe("BM\0\0".getBytes(StandardCharsets.US_ASCII))).as("BMP").isEmpty();
        assertThat(ImageInfo.probe(new byte[0])).isEmpty();
    }

    @Test
    void truncatedHeadersKeepTheFormatWithoutASize() {
        byte[] png = TestImages.image("png", 10, 10);
        ImageInfo info = ImageInfo.probe(java.util.Arrays.copyOf(png, 12)).orElseThrow();
        assertThat(info.format()).isEqualTo(Format.PNG);
        assertThat(info.hasSize()).isFalse();
        assertThat(info.aspectRatio()).isEqualTo(1.0);
    }
}
