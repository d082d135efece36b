package io.coachmatch.serving.cache;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

@Configuration(proxyBeanMethods = false)
class CacheConfiguration {

    private static final Logger log = LoggerFactory.getLogger(CacheConfiguration.class);

    /** The service's one Lettuce client, when Redis is configured; closed after everything that uses it. */
    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("!'${coachmatch.cache.redis-host:}'.isBlank()")
    Redis redis(CacheSettings settings) {
        return new Redis(settings.redisHost(), settings.redisPort(), settings.timeout());
    }

    /**
     * The connection (UTF-8 strings) that experiments and counters share on that client; their commands may take
     * four times the cache's timeout, since none of them runs while a request waits.
     */
    @Bean(destroyMethod = "close")
    @ConditionalOnExpression("!'${coachmatch.cache.redis-host:}'.isBlank()")
    RedisStrings redisStrings(Redis redis, CacheSettings settings) {
        return new RedisStrings(redis, settings.timeout().multipliedBy(4));
    }

    @Bean(destroyMethod = "close")
    ServingCache servingCache(CacheSettings settings, ObjectProvider<Redis> redis) {
        if (!settings.redisEnabled()) {
            log.info(
                    "REDIS_HOST is unset: using the in-process cache of at most {} (answers and statistics are not "
                            + "shared)",
                    settings.localMaxSize());
            // a MeterBinder: Spring Boot registers its gauge once every singleton exists
            return new LocalServingCache(settings.resultTtl(), settings.catalogTtl(), settings.localMaxSize());
        }
        return new RedisServingCache(redis.getObject(), settings.resultTtl(), settings.catalogTtl());
    }
}
