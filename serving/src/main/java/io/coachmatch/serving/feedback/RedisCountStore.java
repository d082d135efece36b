package io.coachmatch.serving.feedback;

import io.coachmatch.core.experiments.VariantCounts;
import io.coachmatch.serving.cache.RedisStrings;
import io.lettuce.core.ScriptOutputType;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Counters in Redis, shared by every instance. Keys: {@code exp:{name}:counts} (hash, field
 * {@code variant|counter}, HINCRBYFLOAT), {@code exp:{name}:units} (set of units, exact distinct count),
 * {@code exp:req:{request_id}} (the answering experiment and variant, with a TTL; set once, so a request is counted
 * once however often its count is retried) and
 * {@code exp:event:{event_id}} (SET NX with a TTL, so a redelivered or resent event counts once). Each update is
 * one Lua script, so the dedup check and the increments are atomic.
 */
public final class RedisCountStore implements CountStore {

    private static final String REQUEST = """
            if not redis.call('SET', KEYS[3], ARGV[3], 'NX', 'EX', ARGV[4]) then return -1 end
            local new = redis.call('SADD', KEYS[1], ARGV[1])
            redis.call('HINCRBYFLOAT', KEYS[2], ARGV[2] .. '|requests', 1)
            if new == 1 then redis.call('HINCRBYFLOAT', KEYS[2], ARGV[2] .. '|units', 1) end
            return new
            """;
    private static final String FEEDBACK = """
            if not redis.call('SET', KEYS[1], '1', 'NX', 'EX', ARGV[1]) then return 0 end
            local n = tonumber(ARGV[4])
            for i = 5, 4 + 2 * n, 2 do redis.call('HINCRBYFLOAT', KEYS[2], ARGV[2] .. '|' .. ARGV[i], ARGV[i + 1]) end
            if ARGV[3] ~= '' and redis.call('SADD', KEYS[3], ARGV[3]) == 1 then
              for i = 5 + 2 * n, #ARGV, 2 do
                redis.call('HINCRBYFLOAT', KEYS[2], ARGV[2] .. '|' .. ARGV[i], ARGV[i + 1])
              end
            end
            return 1
            """;

    private final RedisStrings redis;
    private final long eventTtlSeconds;
    private final long requestTtlSeconds;

    public RedisCountStore(RedisStrings redis, Duration eventTtl, Duration requestTtl) {
        this.redis = redis;
        this.eventTtlSeconds = Math.max(1, eventTtl.toSeconds());
        this.requestTtlSeconds = Math.max(1, requestTtl.toSeconds());
    }

    static String countsKey(String experiment) {
        return "exp:" + experiment + ":counts";
    }

    @Override
    public void request(String experiment, String variant, String unit, String requestId) {
        String[] keys = {unitsKey(experiment), countsKey(experiment), "exp:req:" + requestId};
        redis.call(c -> c.eval(
                REQUEST,
                ScriptOutputType.INTEGER,
                keys,
                unit,
                variant,
                experiment + "\n" + variant,
                Long.toString(requestTtlSeconds)));
    }

    @Override
    public boolean feedback(String eventId, Link link, VariantCounts delta, String firstKey, VariantCounts firstDelta) {
        String[] keys = {"exp:event:" + eventId, countsKey(link.experiment()), firstsKey(link.experiment())};
        List<String> args = new ArrayList<>();
        args.add(Long.toString(eventTtlSeconds));
        args.add(link.variant());
        args.add(firstKey == null ? "" : firstKey);
        Map<String, Double> fields = CountStore.fields(delta);
        args.add(Integer.toString(fields.size()));
        fields.forEach((k, v) -> {
            args.add(k);
            args.add(Double.toString(v));
        });
        if (firstKey != null) {
            CountStore.fields(firstDelta).forEach((k, v) -> {
                args.add(k);
                args.add(Double.toString(v));
            });
        }
        Long counted = redis.call(c -> c.eval(FEEDBACK, ScriptOutputType.INTEGER, keys, args.toArray(String[]::new)));
        return counted != null && counted == 1L;
    }

    @Override
    public Optional<Link> link(String requestId) {
        String v = redis.call(c -> c.get("exp:req:" + requestId));
        if (v == null) {
            return Optional.empty();
        }
        int nl = v.indexOf('\n');
        return nl < 0 ? Optional.empty() : Optional.of(new Link(v.substring(0, nl), v.substring(nl + 1)));
    }

    @Override
    public Map<String, VariantCounts> counts(String experiment) {
        Map<String, String> raw = redis.call(c -> c.hgetall(countsKey(experiment)));
        Map<String, Map<String, Double>> byVariant = new HashMap<>();
        raw.forEach((field, value) -> {
            int bar = field.lastIndexOf('|');
            if (bar > 0) {
                byVariant
                        .computeIfAbsent(field.substring(0, bar), k -> new HashMap<>())
                        .put(field.substring(bar + 1), Double.parseDouble(value));
            }
        });
        Map<String, VariantCounts> out = new HashMap<>();
        byVariant.forEach((variant, fields) -> out.put(variant, CountStore.of(fields)));
        return out;
    }

    /** While an experiment runs its sets never expire (a restart under the same name keeps them). */
    @Override
    public void started(String experiment) {
        redis.call(c -> c.persist(unitsKey(experiment)) | c.persist(firstsKey(experiment)));
    }

    /**
     * The counts hash stays, without TTL, as the experiment's results (it holds the distinct counts too: units,
     * booked requests, clicked pairs); the sets that made them distinct expire once no more feedback can be
     * attributed to the experiment's requests (the request TTL).
     */
    @Override
    public void stopped(String experiment) {
        redis.call(c ->
                c.expire(unitsKey(experiment), requestTtlSeconds) | c.expire(firstsKey(experiment), requestTtlSeconds));
    }

    static String unitsKey(String experiment) {
        return "exp:" + experiment + ":units";
    }

    static String firstsKey(String experiment) {
        return "exp:" + experiment + ":firsts";
    }

    @Override
    public String mode() {
        return "redis";
    }
}
