package dev.stoa.hub.card;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SafetensorsHeaderTest {

    @Test
    void countsElementsPerDtypeAndSkipsTheMetadata() throws IOException {
        assertThat(SafetensorsHeader.parameterCounts(new ByteArrayInputStream(Safetensors.small())))
                .containsExactlyInAnyOrderEntriesOf(Map.of("F32", 10L, "BF16", 5L));
    }

    @Test
    void aScalarCountsAsOneElementAndAnEmptyHeaderAsNone() throws IOException {
        byte[] scalar = Safetensors.file("{\"s\":{\"dtype\":\"I64\",\"shape\":[],\"data_offsets\":[0,8]}}", 8);
        assertThat(SafetensorsHeader.parameterCounts(new ByteArrayInputStream(scalar))).containsEntry("I64", 1L);
        assertThat(SafetensorsHeader.parameterCounts(new ByteArrayInputStream(Safetensors.file("{}", 0)))).isEmpty();
    }

    @Test
    void readsOnlyTheHeaderNeverTheTensorData() throws IOException {
        byte[] file = Safetensors.file("{\"w\":{\"dtype\":\"F16\",\"shape\":[1000,1000],\"data_offsets\":[0,2000000]}}", 2_000_000);
        AtomicLong read = new AtomicLong();
        InputStream counting = new ByteArrayInputStream(file) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                int n = super.read(b, off, len);
                read.addAndGet(Math.max(n, 0));
                return n;
            }
        };
        assertThat(SafetensorsHeader.parameterCounts(counting)).containsEntry("F16", 1_000_000L);
        assertThat(read.get()).isLessThan(10_000);
    }

    @Test
    void refusesWhatIsNotSafetensors() {
        assertThatThrownBy(() -> SafetensorsHeader.parameterCounts(new ByteArrayInputStream(new byte[3])))
                .isInstanceOf(SafetensorsHeader.InvalidSafetensors.class);
        byte[] huge = Safetensors.file("{}", 0);
        huge[7] = 0x7f;
        assertThatThrownBy(() -> SafetensorsHeader.parameterCounts(new ByteArrayInputStream(huge)))
                .hasMessageContaining("out of range");
        assertThatThrownBy(() -> SafetensorsHeader.parameterCounts(new ByteArrayInputStream(Safetensors.file("{\"a\":{\"dtype\":\"F32\"}}", 0))))
                .hasMessageContaining("lacks a dtype or a shape");
        assertThatThrownBy(() -> SafetensorsHeader.parameterCounts(new ByteArrayInputStream(Safetensors.file("{\"a\":", 0))))
                .isInstanceOf(SafetensorsHeader.InvalidSafetensors.class);
    }
}
