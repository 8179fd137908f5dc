namespace Thywill.Blazor.Engine.Redis;

/// <summary>
/// The Lua scripts that make each change to a channel atomic in Redis: whatever many nodes do at
/// once, a channel's offsets are gap-free and ordered within its epoch, and its pub/sub messages
/// leave in that order.
/// </summary>
internal static class RedisScripts
{
    // Trims a channel's stream from its oldest entry while it is over the size, the bytes or the
    // age; keeps the meta's byte count. Returns the entries left.
    private const string Trim = """
        local function trim(meta, stream, maxLength, maxBytes, minTime)
          local length = redis.call('XLEN', stream)
          local bytes = 0
          if length > 0 then bytes = tonumber(redis.call('HGET', meta, 'b') or '0') end
          while length > 0 do
            local first = redis.call('XRANGE', stream, '-', '+', 'COUNT', 1)[1]
            local size, time = 0, 0
            local fields = first[2]
            for i = 1, #fields, 2 do
              if fields[i] == 'n' then size = tonumber(fields[i + 1]) elseif fields[i] == 't' then time = tonumber(fields[i + 1]) end
            end
            if length > maxLength or bytes > maxBytes or time < minTime then
              redis.call('XDEL', stream, first[1])
              length = length - 1
              bytes = bytes - size
            else
              break
            end
          end
          if length == 0 then bytes = 0 end
          redis.call('HSET', meta, 'b', bytes)
          return length
        end

        """;

    // Makes the channel's meta when Redis has none (never published, expired, or lost in a restart):
    // a new epoch, so that no position from before can be taken for one in it.
    private const string Ensure = """
        local function ensure(meta, stream, channels, epoch, expiry, ttl, name)
          local current = redis.call('HGET', meta, 'e')
          if current then return current end
          redis.call('DEL', stream)
          redis.call('HSET', meta, 'e', epoch, 'o', 0, 'b', 0)
          redis.call('PEXPIRE', meta, ttl)
          redis.call('ZADD', channels, expiry, name)
          return epoch
        end

        """;

    // Removes members whose expiry passed (their node stopped refreshing them) and tells every node.
    private const string Expire = """
        local function expire(members, expiries, now, pubsub)
          local gone = redis.call('ZRANGEBYSCORE', expiries, '-inf', '(' .. now)
          for _, client in ipairs(gone) do
            local member = redis.call('HGET', members, client)
            redis.call('ZREM', expiries, client)
            if member then
              redis.call('HDEL', members, client)
              redis.call('PUBLISH', pubsub, 'l|' .. member)
            end
          end
          return #gone
        end

        """;

    /// <summary>
    /// Publishes. KEYS: meta, stream, channels. ARGV: new epoch, body, body bytes, history size,
    /// history bytes, now (ms), history age (ms), channel expiry (ms), channel TTL (ms), stream
    /// TTL (ms), pub/sub channel, name, archived (1: only a seeded channel, never a new epoch). The
    /// retention is kept in the meta (<c>rs</c>, <c>rb</c>, <c>ra</c>) for reads, which trim by it.
    /// Returns { epoch, offset }, or nil for an archived channel Redis holds no seed of.
    /// </summary>
    public const string Publish = Trim + Ensure + """
        if ARGV[13] == '1' and redis.call('HEXISTS', KEYS[1], 's') == 0 then return false end
        local epoch = ensure(KEYS[1], KEYS[2], KEYS[3], ARGV[1], ARGV[8], ARGV[9], ARGV[12])
        local offset = redis.call('HINCRBY', KEYS[1], 'o', 1)
        redis.call('XADD', KEYS[2], offset .. '-1', 'b', ARGV[2], 'n', ARGV[3], 't', ARGV[6])
        redis.call('HINCRBY', KEYS[1], 'b', ARGV[3])
        redis.call('HSET', KEYS[1], 'rs', ARGV[4], 'rb', ARGV[5], 'ra', ARGV[7])
        trim(KEYS[1], KEYS[2], tonumber(ARGV[4]), tonumber(ARGV[5]), tonumber(ARGV[6]) - tonumber(ARGV[7]))
        redis.call('PEXPIRE', KEYS[1], ARGV[9])
        redis.call('PEXPIRE', KEYS[2], ARGV[10])
        redis.call('ZADD', KEYS[3], ARGV[8], ARGV[12])
        redis.call('PUBLISH', ARGV[11], 'p|' .. epoch .. '|' .. offset .. '|' .. ARGV[2])
        return { epoch, offset }
        """;

    /// <summary>
    /// Reads the history after an offset, trimmed first to the retention the newest publication
    /// came with. KEYS: meta, stream, channels. ARGV: new epoch, after offset, now (ms), channel
    /// expiry (ms), channel TTL (ms), name, archived (1: only a seeded channel). Returns { epoch,
    /// newest offset, oldest kept entry id or '', entries }, or nil for an archived channel Redis
    /// holds no seed of.
    /// </summary>
    public const string History = Trim + Ensure + """
        if ARGV[7] == '1' and redis.call('HEXISTS', KEYS[1], 's') == 0 then return false end
        local epoch = ensure(KEYS[1], KEYS[2], KEYS[3], ARGV[1], ARGV[4], ARGV[5], ARGV[6])
        local latest = tonumber(redis.call('HGET', KEYS[1], 'o'))
        local length = redis.call('XLEN', KEYS[2])
        local retention = redis.call('HMGET', KEYS[1], 'rs', 'rb', 'ra')
        if length > 0 and retention[1] then
          length = trim(KEYS[1], KEYS[2], tonumber(retention[1]), tonumber(retention[2]), tonumber(ARGV[3]) - tonumber(retention[3]))
        end
        local oldest = ''
        local entries = {}
        if length > 0 then
          oldest = redis.call('XRANGE', KEYS[2], '-', '+', 'COUNT', 1)[1][1]
          if tonumber(ARGV[2]) < latest then
            entries = redis.call('XRANGE', KEYS[2], '(' .. ARGV[2] .. '-1', '+')
          end
        end
        return { epoch, latest, oldest, entries }
        """;

    /// <summary>
    /// Seeds an archived channel's epoch and offset unless Redis knows it already (a meta made by a
    /// reservation or a read, with nothing published and not seeded, takes the seed). KEYS: meta,
    /// stream, channels. ARGV: epoch, newest offset, channel expiry (ms), channel TTL (ms), name.
    /// </summary>
    public const string Seed = """
        if redis.call('EXISTS', KEYS[1]) == 1 then
          if redis.call('HEXISTS', KEYS[1], 's') == 1 or tonumber(redis.call('HGET', KEYS[1], 'o')) ~= 0 or redis.call('XLEN', KEYS[2]) > 0 then
            return 0
          end
        end
        redis.call('DEL', KEYS[2])
        redis.call('HSET', KEYS[1], 'e', ARGV[1], 'o', ARGV[2], 'b', 0, 's', 1)
        redis.call('PEXPIRE', KEYS[1], ARGV[4])
        redis.call('ZADD', KEYS[3], ARGV[3], ARGV[5])
        return 1
        """;

    /// <summary>
    /// Forgets a seeded channel whose newest offset the database has. KEYS: meta, stream, channels.
    /// ARGV: persisted offset, name.
    /// </summary>
    public const string Forget = """
        if redis.call('EXISTS', KEYS[1]) == 0 then return 1 end
        if redis.call('HEXISTS', KEYS[1], 's') == 0 then return 0 end
        if tonumber(redis.call('HGET', KEYS[1], 'o')) ~= tonumber(ARGV[1]) then return 0 end
        redis.call('DEL', KEYS[1], KEYS[2])
        redis.call('ZREM', KEYS[3], ARGV[2])
        return 1
        """;

    /// <summary>
    /// Reserves a place for a channel within the application's cap. KEYS: channels, meta. ARGV:
    /// name, cap, now (ms), channel expiry (ms). Returns 1 when the channel exists now.
    /// </summary>
    public const string Reserve = """
        redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', '(' .. ARGV[3])
        if redis.call('ZSCORE', KEYS[1], ARGV[1]) then return 1 end
        if redis.call('EXISTS', KEYS[2]) == 0 and redis.call('ZCARD', KEYS[1]) >= tonumber(ARGV[2]) then return 0 end
        redis.call('ZADD', KEYS[1], ARGV[4], ARGV[1])
        return 1
        """;

    /// <summary>
    /// Adds or refreshes members of one channel held by one node — a join is a refresh of one — and
    /// re-adds any that expired while it was away, announcing each new or changed member to the
    /// channel's subscribers, in one command. KEYS: members, expiries, the application's
    /// channels. ARGV: now, pub/sub channel, the members' expiry, the keys' TTL, the channel's
    /// expiry, the channel's name, then client id and member pairs.
    /// </summary>
    public const string Refresh = Expire + """
        expire(KEYS[1], KEYS[2], ARGV[1], ARGV[2])
        local changed = 0
        for i = 7, #ARGV, 2 do
          local previous = redis.call('HGET', KEYS[1], ARGV[i])
          redis.call('HSET', KEYS[1], ARGV[i], ARGV[i + 1])
          redis.call('ZADD', KEYS[2], ARGV[3], ARGV[i])
          if previous ~= ARGV[i + 1] then
            local kind = 'j'
            if previous then kind = 'u' end
            redis.call('PUBLISH', ARGV[2], kind .. '|' .. ARGV[i + 1])
            changed = changed + 1
          end
        end
        redis.call('PEXPIRE', KEYS[1], ARGV[4])
        redis.call('PEXPIRE', KEYS[2], ARGV[4])
        redis.call('ZADD', KEYS[3], 'GT', ARGV[5], ARGV[6])
        return changed
        """;

    /// <summary>Removes a presence member. KEYS: members, expiries. ARGV: client id, pub/sub channel.</summary>
    public const string Leave = """
        local member = redis.call('HGET', KEYS[1], ARGV[1])
        if not member then return 0 end
        redis.call('HDEL', KEYS[1], ARGV[1])
        redis.call('ZREM', KEYS[2], ARGV[1])
        redis.call('PUBLISH', ARGV[2], 'l|' .. member)
        return 1
        """;

    /// <summary>
    /// The live members, after expiring stale ones. KEYS: members, expiries. ARGV: now (ms), pub/sub
    /// channel. Returns the members' JSON.
    /// </summary>
    public const string Members = Expire + """
        expire(KEYS[1], KEYS[2], ARGV[1], ARGV[2])
        return redis.call('HVALS', KEYS[1])
        """;

    /// <summary>
    /// Expires stale members of many channels in one command. KEYS: each channel's members and
    /// expiries, in pairs. ARGV: now (ms), then each channel's pub/sub channel. Returns how many went.
    /// </summary>
    public const string ExpireMembers = Expire + """
        local gone = 0
        for i = 1, #KEYS, 2 do
          gone = gone + expire(KEYS[i], KEYS[i + 1], ARGV[1], ARGV[(i + 1) / 2 + 1])
        end
        return gone
        """;

    // The positions (epoch, offset) of many channels in one command: KEYS are their metas; a channel
    // Redis does not have comes back as two nils.
    public const string Positions = """
        local found = {}
        for i, meta in ipairs(KEYS) do
          found[i] = redis.call('HMGET', meta, 'e', 'o')
        end
        return found
        """;

    // Many clients' memberships written again and kept, in one command. KEYS: their membership sets.
    // ARGV: the retention in ms, then for each key its channel count and channels. Returns, per
    // key, the channels that were missing.
    public const string RetainMemberships = """
        local at = 2
        local added = {}
        for i, key in ipairs(KEYS) do
          local count = tonumber(ARGV[at])
          at = at + 1
          local mine = {}
          for j = 1, count do
            if redis.call('SADD', key, ARGV[at]) == 1 then mine[#mine + 1] = ARGV[at] end
            at = at + 1
          end
          redis.call('PEXPIRE', key, ARGV[1])
          added[i] = mine
        end
        return added
        """;
}
