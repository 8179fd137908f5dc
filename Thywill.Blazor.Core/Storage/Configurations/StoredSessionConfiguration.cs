using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Thywill.Blazor.Storage.Entities;

namespace Thywill.Blazor.Storage.Configurations;

internal sealed class StoredSessionConfiguration : IEntityTypeConfiguration<StoredSession>
{
    public void Configure(EntityTypeBuilder<StoredSession> builder)
    {
        builder.ToTable("Sessions");
        builder.HasKey(s => s.Id);
        builder.Property(s => s.Id).HasMaxLength(64).IsUnicode(false);
        builder.HasIndex(s => s.LastSeen);
    }
}
