package dev.stoa.hub.testing;

import io.smallrye.config.SmallRyeConfigBuilder;
import io.smallrye.config.SmallRyeConfigBuilderCustomizer;

/**
 * The build hands tests their tools as system properties under {@code stoa.test.*} (see the pom). They are
 * not Stoa settings: without this, a {@code @QuarkusTest} fails to start because {@code StoaConfig} maps
 * every {@code stoa.*} name and rejects unknown ones.
 */
public class TestHarnessProperties implements SmallRyeConfigBuilderCustomizer {

    @Override
    public void configBuilder(SmallRyeConfigBuilder builder) {
        builder.withMappingIgnore("stoa.test.**");
    }
}
