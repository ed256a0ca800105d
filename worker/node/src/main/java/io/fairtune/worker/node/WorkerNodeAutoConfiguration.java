package io.fairtune.worker.node;

import io.fairtune.contract.launch.NativeEnvironment;
import io.fairtune.contract.plugin.OptimizerRegistry;
import io.fairtune.contract.protocol.AttemptApi;
import io.fairtune.worker.data.DatasetRepository;
import io.fairtune.worker.external.RegisteredTrainer;
import io.fairtune.worker.training.Trainer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.function.Supplier;
import javax.sql.DataSource;
import org.quartz.Scheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.quartz.autoconfigure.QuartzAutoConfiguration;
import org.springframework.boot.quartz.autoconfigure.QuartzProperties;
import org.springframework.boot.quartz.autoconfigure.SchedulerFactoryBeanCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import tools.jackson.databind.json.JsonMapper;

/**
 * The beans of a trial-running node: the standalone worker, and the service's in-process slot when this module is
 * on the service's classpath. Only with {@code fairtune.worker.slots > 0} or external trainers ({@link
 * TrialRunningNode}): a node with neither never loads ND4J and never starts its scheduler (it only schedules), and
 * one with external trainers only starts their pools alone. Quartz's own settings (cluster, delegate, scheduler name)
 * live in the contract's {@code fairtune-cluster.properties}.
 */
@AutoConfiguration(before = QuartzAutoConfiguration.class)
@Conditional(TrialRunningNode.class)
@EnableConfigurationProperties(WorkerProperties.class)
public class WorkerNodeAutoConfiguration {

    private static final Logger log = LoggerFactory.getLogger(WorkerNodeAutoConfiguration.class);

    @Bean
    DatasetRepository datasetRepository(
            @Value("${fairtune.data.fashion-mnist-dir:/usr/share/datasets/fashion-mnist}") Path fashionMnistDir) {
        return new DatasetRepository(fashionMnistDir);
    }

    /**
     * The built-ins and the plugins of {@code fairtune.plugins-dir}; the service defines its own, which its
     * in-process slot shares.
     */
    @Bean
    @ConditionalOnMissingBean
    OptimizerRegistry optimizerRegistry(@Value("${fairtune.plugins-dir:}") String pluginsDir) {
        OptimizerRegistry registry = OptimizerRegistry.load(pluginsDir);
        log.info("Optimizers: {}", registry.describe());
        return registry;
    }

    @Bean
    Trainer trainer(DatasetRepository datasets, OptimizerRegistry optimizers) {
        return new Trainer(datasets, optimizers);
    }

    /**
     * The attempt API over HTTP, to {@code fairtune.worker.service-url} or to this process's own port. A service
     * whose in-process slots call its attempt service directly defines its own {@link AttemptApi}, and this one is
     * not made.
     */
    @Bean
    @ConditionalOnMissingBean
    AttemptApi attemptApi(WorkerProperties properties, Environment environment) {
        Supplier<URI> baseUri = properties.serviceUrl().isBlank()
                ? () -> URI.create("http://127.0.0.1:" + environment.getRequiredProperty("local.server.port"))
                : () -> URI.create(properties.serviceUrl());
        return new ServiceClient(
                baseUri, tokenSupplier(properties), JsonMapper.builder().build(), AttemptApi.RetryPolicy.standard());
    }

    @Bean
    TrialExecutor trialExecutor(
            AttemptApi attemptApi, Trainer trainer, OptimizerRegistry optimizers, WorkerProperties properties) {
        return new TrialExecutor(attemptApi, trainer, optimizers, nodeName(properties), properties.reporting());
    }

    private static String nodeName(WorkerProperties properties) {
        return properties.name().isBlank() ? defaultNodeName() : properties.name();
    }

    /** The external trainers this node's configuration registers (possibly none). */
    record ExternalTrainers(List<RegisteredTrainer> registered) {}

    /** Checked once, when the node starts: a trainer that cannot run stops it with one line naming the setting. */
    @Bean
    ExternalTrainers externalTrainers(WorkerProperties properties) {
        return new ExternalTrainers(RegisteredTrainer.of(properties.trainers(), System.getenv("PATH")));
    }

    /** A started scheduler per external trainer this node has. */
    @Bean
    TrainerPools trainerPools(
            WorkerProperties properties,
            ExternalTrainers trainers,
            Scheduler trialsScheduler,
            DataSource dataSource,
            QuartzProperties quartz,
            AttemptApi attemptApi)
            throws Exception {
        Properties quartzProperties = new Properties();
        quartzProperties.putAll(quartz.getProperties());
        return new TrainerPools(
                trainers.registered(),
                trialsScheduler,
                dataSource,
                quartzProperties,
                attemptApi,
                nodeName(properties),
                properties.reporting());
    }

    /**
     * One Quartz thread per slot, and the scheduler started: this node fires trials. It takes the optimizer registry
     * and the external trainers so that the plugins are loaded and the trainers checked (or the start refused with
     * one line) before the scheduler first touches the database.
     */
    @Bean
    SchedulerFactoryBeanCustomizer trialSlotsCustomizer(
            WorkerProperties workerProperties,
            QuartzProperties quartz,
            OptimizerRegistry optimizers,
            ExternalTrainers trainers) {
        return factory -> {
            Properties properties = new Properties();
            properties.putAll(quartz.getProperties());
            // With external trainers only (no slot) the built-in trainer's scheduler stays unstarted: it schedules.
            int slots = workerProperties.slots();
            properties.setProperty("org.quartz.threadPool.threadCount", Integer.toString(Math.max(1, slots)));
            factory.setQuartzProperties(properties);
            factory.setAutoStartup(slots > 0);
            log.info(
                    "Built-in trainer slots: {}; external trainers: {}; native settings: {}; {}",
                    workerProperties.slots(),
                    trainers.registered().isEmpty()
                            ? "none"
                            : trainers.registered().stream()
                                    .map(t -> t.name() + " (" + t.slots() + " slots)")
                                    .toList(),
                    NativeEnvironment.describe(),
                    optimizers.describe());
        };
    }

    private static Supplier<String> tokenSupplier(WorkerProperties properties) {
        if (!properties.token().isBlank()) {
            return properties::token;
        }
        Path file = properties.tokenFile();
        if (file == null) {
            return () -> {
                throw new IllegalStateException("set fairtune.worker.token or fairtune.worker.token-file");
            };
        }
        // Read on use: inside the service the file is written during start-up.
        return () -> {
            try {
                return Files.readString(file).trim();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read worker token file " + file, e);
            }
        };
    }

    private static String defaultNodeName() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            host = "unknown-host";
        }
        return host + ":" + ManagementFactory.getRuntimeMXBean().getPid();
    }
}
