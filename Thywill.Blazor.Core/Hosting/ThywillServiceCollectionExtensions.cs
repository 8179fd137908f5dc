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
using Thywill.Blazor.Engine;
using Thywill.Blazor.Hosting;
using Thywill.Blazor.Logging;
using Thywill.Blazor.Push;
using Thywill.Blazor.Storage;

namespace Microsoft.Extensions.DependencyInjection;

/// <summary>Registers Thywill.Blazor.</summary>
public static class ThywillServiceCollectionExtensions
{
    /// <summary>
    /// Adds the framework: its components (client interface, push, engine, database, log), interactive
    /// server rendering, and the <c>Thywill</c> options, validated at start-up.
    /// </summary>
    /// <param name="services">The services.</param>
    /// <param name="configuration">The configuration section holding the options (usually <c>Thywill</c>).</param>
    /// <param name="configure">Changes to the options after binding.</param>
    /// <returns>A builder to register applications with.</returns>
    public static ThywillBuilder AddThywill(this IServiceCollection services, IConfiguration? configuration = null, Action<ThywillOptions>? configure = null)
    {
        ArgumentNullException.ThrowIfNull(services);

        var options = services.AddOptions<ThywillOptions>();
        if (configuration is not null)
        {
            options.Bind(configuration);
        }

        if (configure is not null)
        {
            options.Configure(configure);
        }

        options.ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ThywillOptions>, ThywillOptionsValidator>());

        CircuitHubSetup.Register(services.AddRazorComponents().AddInteractiveServerComponents());
        services.AddDataProtection();
        services.TryAddSingleton(TimeProvider.System);

        // Application interface
        services.TryAddSingleton<IApplicationCatalog, ApplicationCatalog>();

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
        services.TryAddSingleton<IThywillPush, ThywillPush>();
        services.TryAddSingleton<ChannelRules>();
        services.TryAddSingleton(sp => ActivatorUtilities.CreateInstance<ArchivedChannels>(sp, new DeferredChannelArchive(sp)));
        services.TryAddSingleton<ChannelHistoryReader>();
        services.TryAddSingleton<ChannelPublisher>();
        services.TryAddSingleton<PresenceTracker>();
        services.TryAddSingleton<ChannelOperations>();
        services.TryAddSingleton<IThywillChannels, ThywillChannels>();
        services.TryAddSingleton<IThywillEngine, InMemoryEngine>();
        services.AddHostedService<EngineSweeper>();

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

    private static void AddDatabase(IServiceCollection services)
    {
        // Pooled: a context per operation (circuits live long) is made at every connect, and a fresh
        // one builds EF Core's whole per-context service scope each time (≈ 40 KB per context).
        services.AddPooledDbContextFactory<SqliteThywillDbContext>(ConfigureProvider);
        services.AddPooledDbContextFactory<SqlServerThywillDbContext>(ConfigureProvider);
        services.AddPooledDbContextFactory<PostgreSqlThywillDbContext>(ConfigureProvider);
        services.TryAddSingleton<IDbContextFactory<ThywillDbContext>>(sp =>
            sp.GetRequiredService<IOptions<ThywillOptions>>().Value.Database.Provider switch
            {
                DatabaseProvider.SqlServer => new ProviderDbContextFactory<SqlServerThywillDbContext>(sp.GetRequiredService<IDbContextFactory<SqlServerThywillDbContext>>()),
                DatabaseProvider.PostgreSql => new ProviderDbContextFactory<PostgreSqlThywillDbContext>(sp.GetRequiredService<IDbContextFactory<PostgreSqlThywillDbContext>>()),
                _ => new ProviderDbContextFactory<SqliteThywillDbContext>(sp.GetRequiredService<IDbContextFactory<SqliteThywillDbContext>>()),
            });
        services.TryAddSingleton<DatabaseWriteGate>();
        services.TryAddSingleton<IThywillStore, EfThywillStore>();
        services.TryAddSingleton<IChannelArchive, EfChannelArchive>();
        services.AddHostedService<DatabaseInitializer>();
    }

    // Each provider's context is configured only for its own provider; the others are never created.
    private static void ConfigureProvider(IServiceProvider sp, DbContextOptionsBuilder builder)
    {
        var database = sp.GetRequiredService<IOptions<ThywillOptions>>().Value.Database;
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
