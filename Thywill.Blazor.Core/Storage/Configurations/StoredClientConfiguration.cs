using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Thywill.Blazor.Storage.Entities;

namespace Thywill.Blazor.Storage.Configurations;

internal sealed class StoredClientConfiguration : IEntityTypeConfiguration<StoredClient>
{
    public void Configure(EntityTypeBuilder<StoredClient> builder)
    {
        builder.ToTable("Clients");
        builder.HasKey(c => c.Id);
        builder.Property(c => c.Id).HasMaxLength(64).IsUnicode(false);
        builder.Property(c => c.ApplicationId).HasMaxLength(64).IsUnicode(false);
        builder.Property(c => c.SessionId).HasMaxLength(64).IsUnicode(false);
        builder.Property(c => c.UserId).HasMaxLength(256);
        builder.HasOne<StoredSession>().WithMany().HasForeignKey(c => c.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(c => new { c.ApplicationId, c.LastSeen });
        builder.HasIndex(c => c.SessionId);
    }
}
