package io.fairtune.worker.data;

import static org.assertj.core.api.Assertions.assertThat;

import io.fairtune.contract.catalog.DatasetCatalog;
import io.fairtune.contract.catalog.DatasetDefinition;
import java.util.zip.CRC32;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class SyntheticDatasetTest {

    private static LoadedDataset dataset;

    @BeforeAll
    static void generate() {
        dataset = SyntheticDataGenerator.generate();
    }

    @Test
    void matchesItsCatalogDefinition() {
        DatasetDefinition definition = DatasetCatalog.SYNTHETIC;
        assertThat(dataset.definition()).isEqualTo(definition);
        assertThat(dataset.train().size()).isEqualTo(12_000);
        assertThat(dataset.test().size()).isEqualTo(2_000);
        assertThat(dataset.train().featureCount()).isEqualTo(64);
    }

    @Test
    void isIdenticalEveryTime() {
        LoadedDataset again = SyntheticDataGenerator.generate();

        assertThat(checksum(again.train())).isEqualTo(checksum(dataset.train()));
        assertThat(checksum(again.test())).isEqualTo(checksum(dataset.test()));
    }

    /**
     * Pins the exact bits: the generator uses only SplittableRandom, IEEE arithmetic and StrictMath, so these
     * values hold on every machine and JVM. A change here changes every synthetic study's data.
     */
    @Test
    void hasTheSameBitsOnEveryMachine() {
        assertThat(checksum(dataset.train())).isEqualTo(TRAIN_CHECKSUM);
        assertThat(checksum(dataset.test())).isEqualTo(TEST_CHECKSUM);
    }

    @Test
    void hasBalancedClassesInEverySplit() {
        assertThat(dataset.train().classCounts(10)).containsOnly(1_200);
        assertThat(dataset.test().classCounts(10)).containsOnly(200);
        // The validation tail is shuffled, not the last class to fill its quota.
        for (int count : dataset.validation(2_000).classCounts(10)) {
            assertThat(count).isBetween(150, 250);
        }
    }

    @Test
    void hasPixelLikeFeatures() {
        Examples train = dataset.train();
        for (int i = 0; i < train.size(); i += 97) {
            for (int f = 0; f < train.featureCount(); f++) {
                assertThat(train.feature(i, f)).isBetween(0f, 1f);
            }
        }
    }

    static final long TRAIN_CHECKSUM = 1512807090L;
    static final long TEST_CHECKSUM = 3681394451L;

    static long checksum(Examples examples) {
        CRC32 crc = new CRC32();
        float[] row = new float[examples.featureCount()];
        for (int i = 0; i < examples.size(); i++) {
            examples.copyFeatures(i, row, 0);
            for (float value : row) {
                int bits = Float.floatToRawIntBits(value);
                crc.update(bits >>> 24);
                crc.update(bits >>> 16);
                crc.update(bits >>> 8);
                crc.update(bits);
            }
            crc.update(examples.label(i));
        }
        return crc.getValue();
    }
}
