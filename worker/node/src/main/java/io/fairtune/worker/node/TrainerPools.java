package io.fairtune.worker.node;

import io.fairtune.contract.catalog.TrainerNames;
import io.fairtune.contract.job.TrialJob;
import io.fairtune.contract.protocol.AttemptApi;
import io.fairtune.worker.external.ExternalTrainer;
import io.fairtune.worker.external.RegisteredTrainer;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import javax.sql.DataSource;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.quartz.SchedulerFactoryBean;

/**
 * This node's pools of external trainers: one started Quartz scheduler per trainer it has, under the trainer's
 * scheduler name ({@link TrainerNames}), with one thread per slot of that trainer. Quartz fires a trigger on any
 * started node of its name, so a trial reaches only nodes that have its trainer, and a node never claims one it cannot
 * run. Every pool checks in under the node's own instance id, so the workers page shows one node with its trainers.
 */
final class TrainerPools implements SmartLifecycle, DisposableBean {

    private static final Logger log = LoggerFactory.getLogger(TrainerPools.class);

    private final List<SchedulerFactoryBean> pools = new ArrayList<>();
    private final List<ExternalTrainer> programs = new ArrayList<>();
    private volatile boolean running;

    TrainerPools(
            List<RegisteredTrainer> trainers,
            Scheduler builtIn,
            DataSource dataSource,
            Properties quartzProperties,
            AttemptApi service,
            String nodeName,
            Reporting reporting)
            throws Exception {
        String trialsSchedulerName = builtIn.getSchedulerName();
        String instanceId = builtIn.getSchedulerInstanceId();
        for (RegisteredTrainer trainer : trainers) {
            ExternalTrainer external = new ExternalTrainer(trainer);
            programs.add(external);
            TrialExecutor executor = new TrialExecutor(service, trainer.name(), external::train, nodeName, reporting);
            Properties properties = new Properties();
            properties.putAll(quartzProperties);
            properties.setProperty("org.quartz.threadPool.threadCount", Integer.toString(trainer.slots()));
            properties.setProperty("org.quartz.scheduler.instanceId", instanceId);
            SchedulerFactoryBean factory = new SchedulerFactoryBean();
            factory.setSchedulerName(TrainerNames.schedulerName(trialsSchedulerName, trainer.name()));
            factory.setDataSource(dataSource);
            factory.setQuartzProperties(properties);
            factory.setJobFactory((bundle, scheduler) -> {
                if (bundle.getJobDetail().getJobClass() != TrialJob.class) {
                    throw new SchedulerException("a trainer's pool runs trial jobs only, not "
                            + bundle.getJobDetail().getJobClass().getName());
                }
                return new TrialJob(executor);
            });
            factory.setAutoStartup(false);
            factory.setWaitForJobsToCompleteOnShutdown(false);
            factory.afterPropertiesSet();
            pools.add(factory);
            log.info(
                    "Trainer '{}': {} slot(s), command {} (scheduler {})",
                    trainer.name(),
                    trainer.slots(),
                    trainer.command(),
                    factory.getObject().getSchedulerName());
        }
    }

    @Override
    public void start() {
        pools.forEach(SchedulerFactoryBean::start);
        running = true;
    }

    @Override
    public void stop() {
        pools.forEach(SchedulerFactoryBean::stop);
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public void destroy() throws Exception {
        // Quartz does not wait for running jobs here: their programs must not outlive the node.
        programs.forEach(ExternalTrainer::close);
        for (SchedulerFactoryBean pool : pools) {
            pool.destroy();
        }
    }
}
