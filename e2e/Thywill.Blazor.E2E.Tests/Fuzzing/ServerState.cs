using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Hosting;

namespace Thywill.Blazor.E2E.Fuzzing;

/// <summary>
/// What a browser could change on the server, read through the host's services and its database:
/// the connected clients (ids, sessions, link, outbox counts, channels), every client's memberships,
/// the presence and history of the watched channels, and every database row. One line per fact, so
/// that two snapshots compare as sets and a difference reads as the facts that changed.
/// </summary>
internal sealed class ServerState
{
    private ServerState(IReadOnlySet<string> facts) => Facts = facts;

    public IReadOnlySet<string> Facts { get; }

    /// <summary>Reads the host's state.</summary>
    /// <param name="host">The host.</param>
    /// <param name="channels">Channels whose presence and history count, per application.</param>
    /// <param name="ignore">Facts about these (a client id, a session id) are left out: the tabs that are allowed to change.</param>
    public static async Task<ServerState> ReadAsync(ThywillTestHost host, IReadOnlyDictionary<string, string[]> channels, IReadOnlyCollection<string>? ignore = null)
    {
        var facts = new SortedSet<string>(StringComparer.Ordinal);
        var directory = host.Services.GetRequiredService<IClientDirectory>();
        var server = host.Services.GetRequiredService<IThywillServer>();
        foreach (var connected in directory.GetConnected())
        {
            var c = connected.Client;
            facts.Add($"client {c.ApplicationId}/{c.ClientId} session={c.SessionId} user={c.UserId} circuit={connected.CircuitId} up={connected.IsUp} "
                + $"pending={connected.Pending} delivered={connected.Delivered} dropped={connected.Dropped} channels=[{string.Join(',', connected.Channels.Order(StringComparer.Ordinal))}]");
            var memberships = await server.Channels(c.ApplicationId).GetChannelsAsync(c.ClientId);
            facts.Add($"memberships {c.ApplicationId}/{c.ClientId} [{string.Join(',', memberships.Order(StringComparer.Ordinal))}]");
        }

        foreach (var (application, names) in channels)
        {
            var api = server.Channels(application);
            foreach (var name in names)
            {
                foreach (var member in await api.GetPresenceAsync(name))
                {
                    facts.Add($"presence {application}/{name} {member.ClientId} user={member.UserId} info={Text(member.Info)}");
                }

                foreach (var publication in await api.ReadHistoryAsync(name, 10_000))
                {
                    facts.Add($"history {application}/{name} {publication.Epoch}:{publication.Offset} {publication.Id} from={publication.From} data={Text(publication.Data)}");
                }
            }
        }

        await ReadDatabaseAsync(host, facts);
        if (ignore is { Count: > 0 })
        {
            facts.RemoveWhere(f => ignore.Any(id => f.Contains(id, StringComparison.Ordinal)));
        }

        return new ServerState(facts);
    }

    /// <summary>
    /// The state once it holds still (two reads 100 ms apart agree: the archive writes in the
    /// background, a closed tab's presence goes a moment later) and, if given, satisfies <paramref name="ready"/>.
    /// </summary>
    public static async Task<ServerState> SettledAsync(ThywillTestHost host, IReadOnlyDictionary<string, string[]> channels, IReadOnlyCollection<string>? ignore = null, Func<ServerState, bool>? ready = null)
    {
        var state = await ReadAsync(host, channels, ignore);
        for (var i = 0; i < 50; i++)
        {
            await Task.Delay(100);
            var again = await ReadAsync(host, channels, ignore);
            if (state.Difference(again).Length == 0 && (ready is null || ready(again)))
            {
                return again;
            }

            state = again;
        }

        throw new TimeoutException("The server's state did not settle.");
    }

    /// <summary>The facts only one of the two states has, each marked - (gone) or + (new); empty when equal.</summary>
    public string Difference(ServerState after) =>
        string.Join('\n', Facts.Except(after.Facts).Select(f => "- " + f).Concat(after.Facts.Except(Facts).Select(f => "+ " + f)));

    private static string Text(System.Text.Json.JsonElement json) =>
        json.ValueKind == System.Text.Json.JsonValueKind.Undefined ? "(none)" : json.GetRawText();

    private static async Task ReadDatabaseAsync(ThywillTestHost host, SortedSet<string> facts)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = Path.Combine(host.DataFolder, "thywill.db"), Mode = SqliteOpenMode.ReadOnly, Pooling = false };
        await using var connection = new SqliteConnection(builder.ToString());
        await connection.OpenAsync();
        var tables = new List<string>();
        await using (var list = connection.CreateCommand())
        {
            list.CommandText = "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name NOT LIKE '__EF%' ORDER BY name";
            await using var reader = await list.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                tables.Add(reader.GetString(0));
            }
        }

        foreach (var table in tables)
        {
            await using var select = connection.CreateCommand();
            select.CommandText = $"SELECT * FROM \"{table}\"";
            await using var reader = await select.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                var values = Enumerable.Range(0, reader.FieldCount).Select(i => reader.GetName(i) + "=" + (reader.IsDBNull(i) ? "null" : Convert.ToString(reader.GetValue(i), System.Globalization.CultureInfo.InvariantCulture)));
                facts.Add($"row {table} {string.Join(' ', values)}");
            }
        }
    }
}
