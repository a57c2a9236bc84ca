package dev.stoa.plugins.cpurunner;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;

/** Picks the next token from log-probabilities: greedy at temperature 0, else temperature and nucleus sampling. */
final class Sampler {

    private final double temperature;
    private final double topP;
    private final Random random;

    Sampler(double temperature, double topP, Random random) {
        this.temperature = temperature;
        this.topP = topP <= 0 || topP > 1 ? 1 : topP;
        this.random = random;
    }

    int next(double[] logprobs) {
        if (temperature <= 0) {
            int best = 0;
            for (int i = 1; i < logprobs.length; i++) {
                if (logprobs[i] > logprobs[best]) {
                    best = i;
                }
            }
            return best;
        }
        Integer[] order = new Integer[logprobs.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, Comparator.comparingDouble(i -> -logprobs[i]));
        double max = logprobs[order[0]];
        double[] weights = new double[order.length];
        double total = 0;
        for (int k = 0; k < order.length; k++) {
            weights[k] = Math.exp((logprobs[order[k]] - max) / temperature);
            total += weights[k];
        }
        // Nucleus: the smallest prefix of the sorted tokens whose probability reaches top_p.
        int keep = order.length;
        if (topP < 1) {
            double mass = 0;
            for (int k = 0; k < order.length; k++) {
                mass += weights[k] / total;
                if (mass >= topP) {
                    keep = k + 1;
                    break;
                }
            }
            total = 0;
            for (int k = 0; k < keep; k++) {
                total += weights[k];
            }
        }
        double u = random.nextDouble() * total;
        for (int k = 0; k < keep; k++) {
            u -= weights[k];
            if (u <= 0) {
                return order[k];
            }
        }
        return order[keep - 1];
    }
}
