package io.fairtune.service.schedule;

import java.util.Properties;
import javax.sql.DataSource;
import org.quartz.Scheduler;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.quartz.autoconfigure.QuartzProperties;
import org.springframework.context.ApplicationContext;
import org.springframework.context.SmartLifecycle;
import org.springframework.scheduling.quartz.SchedulerFactoryBean;
import org.springframework.scheduling.quartz.SpringBeanJobFactory;
import org.springframework.stereotype.Component;

/**
 * The Quartz scheduler that fires study schedules: the same JDBC job store and cluster settings as the trial
 * scheduler, under a scheduler name of its own that only service nodes run. Workers run the trial scheduler's name
 * alone, so a cron trigger can never fire on a worker; among several service replicas the cluster lock lets one
 * fire it. It is not a Spring bean of type {@code SchedulerFactoryBean}, so Boot's trial scheduler stays as it is.
 */
@Component
class ScheduleQuartz implements SmartLifecycle, DisposableBean {

    private final SchedulerFactoryBean factory = new SchedulerFactoryBean();

    ScheduleQuartz(
            DataSource dataSource,
            ApplicationContext context,
            QuartzProperties quartz,
            @Value("${fairtune.schedules.scheduler-name}") String schedulerName)
            throws Exception {
        Properties properties = new Properties();
        properties.putAll(quartz.getProperties());
        // One firing at a time is plenty: a firing only stores a study.
        properties.put("org.quartz.threadPool.threadCount", "1");
        SpringBeanJobFactory jobs = new SpringBeanJobFactory();
        jobs.setApplicationContext(context);
        factory.setSchedulerName(schedulerName);
        factory.setDataSource(dataSource);
        factory.setQuartzProperties(properties);
        factory.setJobFactory(jobs);
        factory.setApplicationContext(context);
        factory.setAutoStartup(false);
        factory.setWaitForJobsToCompleteOnShutdown(false);
        factory.afterPropertiesSet();
    }

    Scheduler scheduler() {
        return factory.getObject();
    }

    @Override
    public void start() {
        factory.start();
    }

    @Override
    public void stop() {
        factory.stop();
    }

    @Override
    public boolean isRunning() {
        return factory.isRunning();
    }

    @Override
    public void destroy() throws Exception {
        factory.destroy();
    }
}
