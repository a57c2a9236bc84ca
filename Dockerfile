# Stoa's container image: the same packaged app the README runs, built-in plugins included (they travel
# inside the app jar). Build it after the app:
#   ./mvnw -B install -DskipTests && docker build -t stoa/stoa:0.1.0 .
FROM eclipse-temurin:21-jre

# A fixed non-root user; the Helm chart runs the container as this uid with a read-only root filesystem.
RUN groupadd --system --gid 10001 stoa \
 && useradd --system --uid 10001 --gid stoa --home-dir /stoa --shell /usr/sbin/nologin stoa

WORKDIR /stoa
# Layers from the least to the most often changed: libraries, generated Quarkus classes, Stoa itself.
COPY --chown=10001:10001 hub-api/target/quarkus-app/lib/ /stoa/lib/
COPY --chown=10001:10001 hub-api/target/quarkus-app/quarkus/ /stoa/quarkus/
COPY --chown=10001:10001 hub-api/target/quarkus-app/app/ /stoa/app/
COPY --chown=10001:10001 hub-api/target/quarkus-app/quarkus-run.jar /stoa/quarkus-run.jar

RUN mkdir /stoa/data && chown 10001:10001 /stoa/data

USER 10001
EXPOSE 8080
# Settings come from the environment (STOA_*, see the README's Configuration); on its own the image runs
# Stoa on embedded defaults with its data under /stoa/data.
ENV STOA_DATA_DIR=/stoa/data
# The CPU runner computes with the Vector API, an incubator module the JVM loads only when asked.
ENTRYPOINT ["java", "--add-modules", "jdk.incubator.vector", "-jar", "/stoa/quarkus-run.jar"]
