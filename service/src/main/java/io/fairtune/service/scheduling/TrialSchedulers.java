package io.fairtune.service.scheduling;

import io.fairtune.contract.catalog.TrainerNames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.impl.SchedulerRepository;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.quartz.autoconfigure.QuartzProperties;
import org.springframework.scheduling.quartz.SchedulerFactoryBean;
import org.springframework.stereotype.Component;

/**
 * The scheduler of each trainer's pool (see {@link TrainerNames}): Boot's trials scheduler for the built-in trainer,
 * and for an external trainer a scheduler of the same job store under the pool's name, created when its first trial
 * is queued. The service never starts those (it only schedules, as with the trials scheduler), so a trainer no
 * worker has keeps its triggers waiting in the store and nothing polls for them here. Inside a service whose
 * in-process worker has the trainer, Quartz already holds that node's started scheduler of the name (one per name
 * per JVM): it is used instead.
 */
@Component
public class TrialSchedulers implements DisposableBean {

    private final Scheduler builtIn;
    private final String trialsSchedulerName;
    private final DataSource dataSource;
    private final QuartzProperties quartz;
    private final Map<String, Scheduler> pools = new ConcurrentHashMap<>();
    private final List<SchedulerFactoryBean> created = new ArrayList<>();

    TrialSchedulers(
            Scheduler builtIn,
            @Value("${spring.quartz.scheduler-name}") String trialsSchedulerName,
            DataSource dataSource,
            QuartzProperties quartz) {
        this.builtIn = builtIn;
        this.trialsSchedulerName = trialsSchedulerName;
        this.dataSource = dataSource;
        this.quartz = quartz;
    }

    /** The trials scheduler name; an external trainer's pool is {@code <it>.trainer.<name>}. */
    public String trialsSchedulerName() {
        return trialsSchedulerName;
    }

    /** The scheduler whose nodes run the trainer's trials; null is the built-in trainer. */
    Scheduler of(String trainer) {
        return trainer == null ? builtIn : pools.computeIfAbsent(trainer, this::open);
    }

    private Scheduler open(String trainer) {
        String name = TrainerNames.schedulerName(trialsSchedulerName, trainer);
        SchedulerRepository repository = SchedulerRepository.getInstance();
        synchronized (repository) {
            Scheduler existing = repository.lookup(name);
            try {
                if (existing != null && !existing.isShutdown()) {
                    return existing;
                }
            } catch (SchedulerException e) {
                throw new IllegalStateException("cannot read scheduler " + name, e);
            }
            SchedulerFactoryBean factory = new SchedulerFactoryBean();
            Properties properties = new Properties();
            properties.putAll(quartz.getProperties());
            // Never started: it writes jobs into the store for the pool's nodes to fire.
            properties.put("org.quartz.threadPool.threadCount", "1");
            factory.setSchedulerName(name);
            factory.setDataSource(dataSource);
            factory.setQuartzProperties(properties);
            factory.setAutoStartup(false);
            factory.setWaitForJobsToCompleteOnShutdown(false);
            try {
                factory.afterPropertiesSet();
            } catch (Exception e) {
                throw new IllegalStateException("cannot create scheduler " + name, e);
            }
            created.add(factory);
            return factory.getObject();
        }
    }

    @Override
    public void destroy() throws Exception {
        synchronized (SchedulerRepository.getInstance()) {
            for (SchedulerFactoryBean factory : created) {
                factory.destroy();
            }
            created.clear();
        }
    }
}
