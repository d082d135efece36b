package io.coachmatch.serving;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The matching service: Kafka and REST in, matches out. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class ServingApplication {

    public static void main(String[] args) {
        SpringApplication.run(ServingApplication.class, args);
    }
}
