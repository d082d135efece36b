package io.coachmatch.serving.cache;

import io.coachmatch.serving.config.CacheSettings;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CacheConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CacheConfiguration.class);

    @Bean(destroyMethod = "close")
    ServingCache servingCache(CacheSettings settings) {
        if (!settings.redisEnabled()) {
            log.info("REDIS_HOST is unset: using the in-process cache (answers and statistics are not shared)");
            return new LocalServingCache(settings.resultTtl(), settings.catalogTtl(), settings.localMaxEntries());
        }
        return new RedisServingCache(settings.redisHost(), settings.redisPort(), settings.timeout(),
                settings.resultTtl(), settings.catalogTtl());
    }
}
