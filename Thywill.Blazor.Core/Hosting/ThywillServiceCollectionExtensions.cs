using Microsoft.AspNetCore.Components.Server.Circuits;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Thywill.Blazor.Applications;
using Thywill.Blazor.Bootstrap;
using Thywill.Blazor.Channels;
using Thywill.Blazor.Clients;
using Thywill.Blazor.Diagnostics;
using Thywill.Blazor.Channels.Remote;
using Thywill.Blazor.Engine;
using Thywill.Blazor.Engine.InMemory;
using Thywill.Blazor.Engine.Redis;
using Thywill.Blazor.Hosting;
using Thywill.Blazor.Hosting.Health;
using Thywill.Blazor.Hosting.Validation;
using Thywill.Blazor.Logging;
using Thywill.Blazor.Push;
using Thywill.Blazor.Rpc;
using Thywill.Blazor.Storage;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Thywill.Blazor.</summary>
public static class ThywillServiceCollectionExtensions
{
    /// <summary>
    /// Adds the framework: its components (client interface, push, engine, database, log), interactive
    /// server rendering, and the options of every <c>Thywill</c> subsection, validated at start-up.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">
    /// The configuration section holding the options (usually <c>Thywill</c>); without it every
    /// option keeps its default. The keys are listed in <c>docs/configuration.md</c>.
    /// </param>
    /// <returns>A builder to register applications with.</returns>
    /// <remarks>
    /// May be called again (a host's own set-up and then <c>Program.cs</c>, say): a later call with the
    /// same configuration section, or none, registers nothing twice and returns a builder whose
    /// <see cref="ThywillBuilder.AddApplication{TApplication}"/> calls compose with the earlier ones.
    /// </remarks>
    /// <exception cref="InvalidOperationException">A later call gives a different configuration section.</exception>
    public static ThywillBuilder AddThywill(this IServiceCollection services, IConfiguration? configuration = null)
    {
        ArgumentNullException.ThrowIfNull(services);
        if (services.FirstOrDefault(d => d.ServiceType == typeof(ThywillRegistration))?.ImplementationInstance is ThywillRegistration earlier)
        {
            if (configuration is not null && !SameSection(earlier.Configuration, configuration))
            {
                throw new InvalidOperationException(
                    $"AddThywill was called again with the configuration section '{Path(configuration)}', but the first call gave '{Path(earlier.Configuration)}'. Call it once, or give the same section (or none) again.");
            }

            return new ThywillBuilder(services);
        }

        services.AddSingleton(new ThywillRegistration(configuration));

        AddSection<ClientOptions, ClientOptionsValidator>(services, configuration, ClientOptions.Section);
        AddSection<MessageOptions, MessageOptionsValidator>(services, configuration, MessageOptions.Section);
        AddSection<PushOptions, PushOptionsValidator>(services, configuration, PushOptions.Section);
        AddSection<RpcOptions, RpcOptionsValidator>(services, configuration, RpcOptions.Section);
        AddSection<RateLimitOptions, RateLimitOptionsValidator>(services, configuration, RateLimitOptions.Section);
        AddSection<ChannelOptions, ChannelOptionsValidator>(services, configuration, ChannelOptions.Section);
        AddSection<EngineOptions, EngineOptionsValidator>(services, configuration, EngineOptions.Section);
        AddSection<DatabaseOptions, DatabaseOptionsValidator>(services, configuration, DatabaseOptions.Section);
        AddSection<ApplicationsOptions, ApplicationsOptionsValidator>(services, configuration, ApplicationsOptions.Section);
        AddSection<KeyOptions, KeyOptionsValidator>(services, configuration, KeyOptions.Section);
        AddSection<DrainOptions, DrainOptionsValidator>(services, configuration, DrainOptions.Section);

        CircuitHubSetup.Register(services.AddRazorComponents().AddInteractiveServerComponents());
        KeyRing.Register(services);
        services.TryAddSingleton(TimeProvider.System);

        // Operations: readiness (database, drain) and the drain on shutdown.
        services.TryAddSingleton<NodeDrain>();
        services.AddMetrics();
        services.TryAddSingleton<ThywillMetrics>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IHostedService, NodeGauges>());
        services.AddHostedService<DrainOnShutdown>();
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>(ThywillHealth.Database, tags: [ThywillHealth.ReadyTag])
            .AddCheck<DrainHealthCheck>(ThywillHealth.Drain, tags: [ThywillHealth.ReadyTag])
            .AddCheck<EngineHealthCheck>(ThywillHealth.Engine, tags: [ThywillHealth.ReadyTag]);

        // Application interface
        services.TryAddSingleton<IApplicationCatalog, ApplicationCatalog>();
        services.AddHostedService<ApplicationCatalogStartup>();

        // Client interface
        services.TryAddSingleton<IResumeTokenService, ResumeTokenService>();
        services.TryAddSingleton<SessionCookie>();
        services.TryAddSingleton<ClientRegistry>();
        services.TryAddSingleton<IClientDirectory>(sp => sp.GetRequiredService<ClientRegistry>());
        services.TryAddSingleton<ClientConnector>();
        services.TryAddScoped<CircuitLink>();
        services.TryAddEnumerable(ServiceDescriptor.Scoped<CircuitHandler, ThywillCircuitHandler>());

        // Sessions and remote procedure calls
        services.TryAddSingleton<Thywill.Blazor.Rpc.RpcDispatcher>();
        services.TryAddSingleton<SessionServices>();

        // Push, channels and engine
        services.TryAddSingleton<MessageLimit>();
        services.TryAddSingleton<ThywillPush>();
        services.TryAddSingleton<IThywillServer, ThywillServer>();
        services.TryAddSingleton<DeclaredChannels>();
        services.TryAddSingleton<ChannelRules>();
        services.TryAddSingleton<ArchivedChannels>();
        services.TryAddSingleton<ChannelHistoryReader>();
        services.TryAddSingleton<ChannelPublisher>();
        services.TryAddSingleton<PresenceTracker>();
        services.TryAddSingleton<ChannelOperations>();
        services.TryAddSingleton<ThywillChannels>();
        services.TryAddSingleton<RemoteClients>();
        services.TryAddSingleton<ClientCommandListener>();
        services.AddHostedService(provider => provider.GetRequiredService<ClientCommandListener>());
        AddEngine(services);
        services.TryAddSingleton<RetentionSweeper>();
        services.AddHostedService(provider => provider.GetRequiredService<RetentionSweeper>());

        // Database
        AddDatabase(services);

        // Log
        services.TryAddSingleton<BrowserLog>();

        // Bootstrap
        services.TryAddSingleton<BootstrapComposer>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IBootstrapContributor, ClientInterfaceContributor>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IBootstrapContributor, LogContributor>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IBootstrapContributor, PushContributor>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IBootstrapContributor, DatabaseContributor>());
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IBootstrapContributor, ApplicationContributor>());

        return new ThywillBuilder(services);
    }

    /// <summary>
    /// Registers an application (one instance for the whole server) where no <see cref="ThywillBuilder"/>
    /// is at hand — for example in a test host that adds one application to an existing server.
    /// </summary>
    /// <typeparam name="TApplication">The application's server side.</typeparam>
    /// <param name="services">The services.</param>
    /// <returns>The services.</returns>
    public static IServiceCollection AddThywillApplication<TApplication>(this IServiceCollection services)
        where TApplication : class, IThywillApplication
    {
        services.TryAddSingleton<TApplication>();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IThywillApplication, TApplication>(sp => sp.GetRequiredService<TApplication>()));
        return services;
    }

    private static bool SameSection(IConfiguration? first, IConfiguration second) =>
        ReferenceEquals(first, second) || (first is IConfigurationSection a && second is IConfigurationSection b && a.Path == b.Path);

    private static string Path(IConfiguration? configuration) =>
        configuration switch { null => "(none)", IConfigurationSection section => section.Path, _ => "(the root)" };

    /// <summary>Marks the services as holding Thywill, with the configuration the first call gave.</summary>
    private sealed record ThywillRegistration(IConfiguration? Configuration);

    private static void AddSection<TOptions, TValidator>(IServiceCollection services, IConfiguration? configuration, string section)
        where TOptions : class
        where TValidator : class, IValidateOptions<TOptions>
    {
        var options = services.AddOptions<TOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration.GetSection(section));
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<TOptions>, TValidator>());
    }

    // The engine's three layers — broker, presence store, membership store — follow
    // Thywill:Engine:Provider, read when each is first needed (so that options set in code count
    // too); each engine's periodic work does nothing under the other.
    private static void AddEngine(IServiceCollection services)
    {
        services.TryAddSingleton<InMemoryBroker>();
        services.TryAddSingleton<InMemoryPresenceStore>();
        services.TryAddSingleton<InMemoryMembershipStore>();
        services.TryAddSingleton<RedisConnection>();
        services.TryAddSingleton<RedisCalls>();
        services.TryAddSingleton<RedisBroker>();
        services.TryAddSingleton<RedisPresenceStore>();
        services.TryAddSingleton<RedisMembershipStore>();
        services.TryAddSingleton<RedisNodes>();
        services.TryAddSingleton<IChannelBroker>(provider => IsRedis(provider) ? provider.GetRequiredService<RedisBroker>() : provider.GetRequiredService<InMemoryBroker>());
        services.TryAddSingleton<IPresenceStore>(provider => IsRedis(provider) ? provider.GetRequiredService<RedisPresenceStore>() : provider.GetRequiredService<InMemoryPresenceStore>());
        services.TryAddSingleton<IMembershipStore>(provider => IsRedis(provider) ? provider.GetRequiredService<RedisMembershipStore>() : provider.GetRequiredService<InMemoryMembershipStore>());
        services.AddHostedService<InMemorySweeper>();
        services.AddHostedService<RedisEngineChecks>();
        services.TryAddSingleton<IThywillNodes, ThywillNodes>();

        static bool IsRedis(IServiceProvider provider) =>
            provider.GetRequiredService<IOptions<EngineOptions>>().Value.Provider == EngineProvider.Redis;
    }

    private static void AddDatabase(IServiceCollection services)
    {
        // Pooled: a context per operation (circuits live long) is made at every connect, and a fresh
        // one builds EF Core's whole per-context service scope each time (≈ 40 KB per context).
        services.AddPooledDbContextFactory<SqliteThywillDbContext>(ConfigureProvider);
        services.AddPooledDbContextFactory<SqlServerThywillDbContext>(ConfigureProvider);
        services.AddPooledDbContextFactory<PostgreSqlThywillDbContext>(ConfigureProvider);
        services.TryAddSingleton<IDbContextFactory<ThywillDbContext>>(sp =>
            sp.GetRequiredService<IOptions<DatabaseOptions>>().Value.Provider switch
            {
                DatabaseProvider.SqlServer => new ProviderDbContextFactory<SqlServerThywillDbContext>(sp.GetRequiredService<IDbContextFactory<SqlServerThywillDbContext>>()),
                DatabaseProvider.PostgreSql => new ProviderDbContextFactory<PostgreSqlThywillDbContext>(sp.GetRequiredService<IDbContextFactory<PostgreSqlThywillDbContext>>()),
                _ => new ProviderDbContextFactory<SqliteThywillDbContext>(sp.GetRequiredService<IDbContextFactory<SqliteThywillDbContext>>()),
            });
        services.TryAddSingleton<DatabaseWriteGate>();
        services.TryAddSingleton<IThywillStore, EfThywillStore>();
        services.TryAddSingleton<IChannelArchive, EfChannelArchive>();
        // First of all hosted services: Data Protection loads its key ring at start, from the
        // database when Thywill:Keys:Store is Database, so the tables must exist before.
        services.Insert(0, ServiceDescriptor.Singleton<IHostedService, DatabaseInitializer>());
        services.TryAddSingleton<DatabaseCleanup>();
        services.AddHostedService(provider => provider.GetRequiredService<DatabaseCleanup>());
    }

    // Each provider's context is configured only for its own provider; the others are never created.
    private static void ConfigureProvider(IServiceProvider sp, DbContextOptionsBuilder builder)
    {
        var database = sp.GetRequiredService<IOptions<DatabaseOptions>>().Value;
        if (builder.Options.ContextType == typeof(SqlServerThywillDbContext))
        {
            builder.UseSqlServer(database.ConnectionString);
        }
        else if (builder.Options.ContextType == typeof(PostgreSqlThywillDbContext))
        {
            builder.UseNpgsql(database.ConnectionString);
        }
        else
        {
            var root = sp.GetRequiredService<IHostEnvironment>().ContentRootPath;
            builder.UseSqlite(DatabaseInitializer.ResolveSqliteConnectionString(database.ConnectionString, root));
        }
    }
}
