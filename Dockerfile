# syntax=docker/dockerfile:1
# Multi-stage build of the serving application: build with the Maven wrapper, run on a JRE.
FROM eclipse-temurin:17-jdk AS build
WORKDIR /src
COPY .mvn .mvn
COPY mvnw pom.xml ./
COPY core/pom.xml core/pom.xml
COPY training/pom.xml training/pom.xml
COPY serving/pom.xml serving/pom.xml
# Dependencies first, so that a source change does not download them again.
RUN ./mvnw -B -q -pl serving -am dependency:go-offline -DexcludeReactor=true || true
COPY . .
RUN ./mvnw -B -q -pl serving -am package -DskipTests \
 && mkdir -p data models

FROM eclipse-temurin:17-jre
RUN apt-get update && apt-get install -y --no-install-recommends curl && rm -rf /var/lib/apt/lists/* \
 && useradd --system --home /app coachmatch
WORKDIR /app
COPY --from=build /src/serving/target/coachmatch-serving.jar /app/coachmatch-serving.jar
# The shipped catalog and model registry (empty directories when the build context has none).
COPY --from=build /src/data /app/data
COPY --from=build /src/models /app/models
RUN chown -R coachmatch /app
USER coachmatch
# Logs as JSON (Elastic Common Schema), with request_id, correlation_id, model_version and variant on every line
# about a request; unset LOGGING_STRUCTURED_FORMAT_CONSOLE for plain text.
ENV SERVER_PORT=5000 COACHES_FILE=/app/data/coaches.jsonl MODEL_REGISTRY_DIR=/app/models \
    LOGGING_STRUCTURED_FORMAT_CONSOLE=ecs
EXPOSE 5000
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD curl -fsS http://localhost:5000/health >/dev/null || exit 1
ENTRYPOINT ["java", "-XX:MaxRAMPercentage=75", "-jar", "/app/coachmatch-serving.jar"]
