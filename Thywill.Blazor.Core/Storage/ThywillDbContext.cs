using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;
using Thywill.Blazor.Storage.Entities;

namespace Thywill.Blazor.Storage;

/// <summary>
/// The framework's tables. One model for every provider; each provider has its own derived context
/// only so that its migrations live apart (<see cref="SqliteThywillDbContext"/>,
/// <see cref="SqlServerThywillDbContext"/>, <see cref="PostgreSqlThywillDbContext"/>).
/// </summary>
internal class ThywillDbContext : DbContext, IDataProtectionKeyContext
{
    /// <summary>Creates the context.</summary>
    /// <param name="options">The options, for this type or a derived one.</param>
    protected ThywillDbContext(DbContextOptions options)
        : base(options)
    {
    }

    /// <summary>Browser sessions.</summary>
    public DbSet<StoredSession> Sessions => Set<StoredSession>();

    /// <summary>Clients.</summary>
    public DbSet<StoredClient> Clients => Set<StoredClient>();

    /// <summary>Archived channels.</summary>
    public DbSet<ArchivedChannel> ArchivedChannels => Set<ArchivedChannel>();

    /// <summary>Publications of archived channels.</summary>
    public DbSet<ArchivedPublication> ArchivedPublications => Set<ArchivedPublication>();

    /// <summary>The Data Protection key ring, when <c>Thywill:Keys:Store</c> is <c>Database</c> (every node of a cluster reads it).</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    /// <inheritdoc />
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(ThywillDbContext).Assembly, t => t.Namespace == typeof(Configurations.StoredClientConfiguration).Namespace);
    }

    /// <inheritdoc />
    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // SQLite cannot order or compare DateTimeOffset; store UTC ticks everywhere for one model.
        configurationBuilder.Properties<DateTimeOffset>().HaveConversion<DateTimeOffsetTicksConverter>();
    }
}
