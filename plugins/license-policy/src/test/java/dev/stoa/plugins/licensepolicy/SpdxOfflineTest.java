package dev.stoa.plugins.licensepolicy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.File;
import java.io.IOException;
import java.lang.reflect.Method;
import java.net.Proxy;
import java.net.ProxySelector;
import java.net.SocketAddress;
import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

import static org.assertj.core.api.Assertions.assertThat;

/** The SPDX library must never reach the network: Stoa runs without internet access. */
class SpdxOfflineTest {

    private final ProxySelector previous = ProxySelector.getDefault();
    private final List<URI> attempts = new CopyOnWriteArrayList<>();

    @AfterEach
    void restore() {
        ProxySelector.setDefault(previous);
    }

    private void recordNetworkAttempts() {
        ProxySelector.setDefault(new ProxySelector() {
            @Override
            public List<Proxy> select(URI uri) {
                attempts.add(uri);
                throw new IllegalStateException("No network in tests: " + uri);
            }

            @Override
            public void connectFailed(URI uri, SocketAddress address, IOException e) {
            }
        });
    }

    @Test
    void theRecorderSeesAnAttemptedDownload() throws IOException {
        recordNetworkAttempts();
        try {
            new URI("https://spdx.org/licenses/licenses.json").toURL().openConnection().connect();
        } catch (RuntimeException | IOException | java.net.URISyntaxException expected) {
            // refused by the recorder
        }
        assertThat(attempts).extracting(URI::getHost).containsExactly("spdx.org");
    }

    @Test
    void loadingTheLicenseListAndMatchingTextsNeedsNoNetwork() throws Exception {
        recordNetworkAttempts();
        System.clearProperty(SpdxLicenses.LOCAL_ONLY_PROPERTY);
        // A fresh class loader, so that the library is initialised here even if other tests loaded it already.
        URL[] classpath = Arrays.stream(System.getProperty("java.class.path").split(File.pathSeparator))
                .map(path -> {
                    try {
                        return new File(path).toURI().toURL();
                    } catch (IOException e) {
                        throw new IllegalStateException(e);
                    }
                }).toArray(URL[]::new);
        try (URLClassLoader loader = new URLClassLoader(classpath, ClassLoader.getPlatformClassLoader())) {
            Class<?> spdx = loader.loadClass(SpdxLicenses.class.getName());
            Method canonicalId = spdx.getMethod("canonicalId", String.class);
            Method matchText = spdx.getMethod("matchText", String.class);
            Method version = spdx.getMethod("licenseListVersion");

            assertThat(canonicalId.invoke(null, "apache-2.0")).isEqualTo(Optional.of("Apache-2.0"));
            assertThat(matchText.invoke(null, LicenseTexts.MIT)).isEqualTo(Optional.of("MIT"));
            assertThat((String) version.invoke(null)).matches("\\d+\\.\\d+(\\.\\d+)?");
        }
        assertThat(attempts).isEmpty();
        assertThat(System.getProperty(SpdxLicenses.LOCAL_ONLY_PROPERTY)).isEqualTo("true");
    }
}
