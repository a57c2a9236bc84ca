package dev.stoa.hub.evaluation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The metrics against numbers computed here by other means: by hand, in closed form, or by another estimator. */
class MetricsTest {

    @Test
    void theMeanHasTheStandardErrorOfTheMean() {
        Metrics.Score score = Metrics.mean(new double[] {1, 0, 1, 1});
        assertThat(score.value()).isEqualTo(0.75);
        // Sample variance of (1, 0, 1, 1) is 0.25; its error is sqrt(0.25 / 4).
        assertThat(score.stderr()).isCloseTo(0.25, within(1e-12));
        assertThat(Metrics.mean(new double[] {0.5}).stderr()).isZero();
    }

    @Test
    void theBootstrapAgreesWithTheClosedFormWhereThereIsOne() {
        Random random = new Random(7);
        double[] scores = new double[400];
        for (int i = 0; i < scores.length; i++) {
            scores[i] = random.nextDouble() < 0.3 ? 1 : 0;
        }
        double closedForm = Metrics.mean(scores).stderr();
        Metrics.Score bootstrapped = Metrics.bootstrap(scores.length, sample -> {
            double sum = 0;
            for (int i : sample) {
                sum += scores[i];
            }
            return sum / sample.length;
        }, 1234, 4000);
        assertThat(bootstrapped.stderr()).isCloseTo(closedForm, within(closedForm * 0.1));
        Metrics.Score again = Metrics.bootstrap(scores.length, sample -> scores[sample[0]], 99, 200);
        assertThat(Metrics.bootstrap(scores.length, sample -> scores[sample[0]], 99, 200)).isEqualTo(again);
    }

    @Test
    void perplexitiesAndBitsPerByteFollowTheirDefinitions() {
        double[] ll = {-2.0, -4.0, -3.0};
        assertThat(Metrics.perplexity(ll, 1, 100).value()).isCloseTo(Math.exp(3.0), within(1e-12));
        long[] words = {2, 3, 1};
        assertThat(Metrics.weightedPerplexity(ll, words, 1, 100).value()).isCloseTo(Math.exp(9.0 / 6), within(1e-12));
        long[] bytes = {10, 12, 5};
        assertThat(Metrics.bitsPerByte(ll, bytes, 1, 100).value()).isCloseTo(9.0 / (27 * Math.log(2)), within(1e-12));
        assertThat(Metrics.perplexity(ll, 1, 500).stderr()).isPositive();
    }

    @Test
    void f1CountsThePositiveClass() {
        int[] gold = {1, 1, 0, 0, 1};
        int[] predicted = {1, 0, 1, 0, 1};
        // 2 true positives, 1 false positive, 1 false negative: precision = recall = 2/3.
        assertThat(Metrics.f1(gold, predicted, 1, 100).value()).isCloseTo(2.0 / 3, within(1e-12));
    }

    @Test
    void multipleChoiceScoresTheBestChoiceAndTheBestPerByte() {
        // Choice 1 has the highest loglikelihood; per byte, choice 2 (-3 over 10 bytes) beats it (-2 over 2 bytes).
        double[] scores = Metrics.multipleChoice(new double[] {-5, -2, -3}, new int[] {4, 2, 10}, 2);
        assertThat(scores).containsExactly(0, 1);
        assertThat(Metrics.multipleChoice(new double[] {-5, -2, -3}, new int[] {4, 2, 10}, 1)).containsExactly(1, 0);
    }
}
