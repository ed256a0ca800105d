package io.fairtune.service;

import io.fairtune.worker.node.NativeEnvironment;
import io.fairtune.worker.node.WorkerNodeConfiguration;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.context.annotation.Import;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * The Fairtune service: REST API, study planning, Quartz scheduling and storage. By default it also trains
 * in one in-process worker slot, so one command runs a whole study.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
@Import(WorkerNodeConfiguration.class)
public class ServiceApplication {

    public static void main(String[] args) {
        // The in-process slot trains, so native thread settings must be in place before ND4J loads.
        NativeEnvironment.ensure(args, 1);
        SpringApplication.run(ServiceApplication.class, args);
    }
}
