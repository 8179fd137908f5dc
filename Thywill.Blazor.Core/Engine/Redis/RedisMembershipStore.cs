namespace Thywill.Blazor.Engine.Redis;

/// <summary>
/// Memberships in Redis: a set of channel names per client, expiring a retention after the client
/// was last seen by any node, so a client that moves to another node keeps its channels and one
/// that never returns leaves nothing behind.
/// </summary>
internal sealed class RedisMembershipStore(RedisCalls redis) : IMembershipStore
{
    /// <summary>How many clients one retain command carries.</summary>
    internal const int RetainBatch = 256;

    private RedisKeys Keys => redis.Keys;

    public async ValueTask<bool> AddMembershipAsync(string applicationId, string clientId, string channel, TimeSpan retention, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var key = Keys.Memberships(applicationId, clientId);
        return await redis.RunAsync(async database =>
        {
            var transaction = database.CreateTransaction();
            var added = transaction.SetAddAsync(key, channel);
            _ = transaction.KeyExpireAsync(key, retention);
            await transaction.ExecuteAsync().ConfigureAwait(false);
            return await added.ConfigureAwait(false);
        }, "membership").ConfigureAwait(false);
    }

    // RetainBatch clients to a command: a sweep over thousands of clients was a transaction each.
    public async ValueTask<IReadOnlyList<IReadOnlyList<string>>> RetainMembershipsAsync(IReadOnlyList<ClientMemberships> clients, TimeSpan retention, CancellationToken cancellationToken = default)
    {
        var added = new List<IReadOnlyList<string>>(clients.Count);
        foreach (var chunk in clients.Chunk(RetainBatch))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var args = new List<StackExchange.Redis.RedisValue> { RedisCalls.Milliseconds(retention) };
            foreach (var client in chunk)
            {
                args.Add(client.Channels.Count);
                args.AddRange(client.Channels.Select(c => (StackExchange.Redis.RedisValue)c));
            }

            var result = await redis.RunAsync(database => database.ScriptEvaluateAsync(
                RedisScripts.RetainMemberships,
                [.. chunk.Select(c => Keys.Memberships(c.ApplicationId, c.ClientId))],
                [.. args]), "membership").ConfigureAwait(false);
            added.AddRange(((StackExchange.Redis.RedisResult[])result!).Select(r => (IReadOnlyList<string>)((StackExchange.Redis.RedisResult[])r!).Select(c => (string)c!).ToArray()));
        }

        return added;
    }

    public async ValueTask<bool> RemoveMembershipAsync(string applicationId, string clientId, string channel, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return await redis.RunAsync(database => database.SetRemoveAsync(Keys.Memberships(applicationId, clientId), channel), "membership").ConfigureAwait(false);
    }

    public async ValueTask<IReadOnlyList<string>> GetMembershipsAsync(string applicationId, string clientId, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var members = await redis.RunAsync(database => database.SetMembersAsync(Keys.Memberships(applicationId, clientId)), "membership").ConfigureAwait(false);
        var names = members.Select(m => (string)m!).ToList();
        names.Sort(StringComparer.Ordinal);
        return names;
    }
}
