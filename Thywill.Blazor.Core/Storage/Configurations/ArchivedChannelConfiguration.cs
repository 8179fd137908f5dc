using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Thywill.Blazor.Storage.Entities;

namespace Thywill.Blazor.Storage.Configurations;

internal sealed class ArchivedChannelConfiguration : IEntityTypeConfiguration<ArchivedChannel>
{
    public void Configure(EntityTypeBuilder<ArchivedChannel> builder)
    {
        builder.ToTable("ArchivedChannels");
        builder.HasKey(c => new { c.ApplicationId, c.Name });
        builder.Property(c => c.ApplicationId).HasMaxLength(64).IsUnicode(false);
        builder.Property(c => c.Name).HasMaxLength(160).IsUnicode(false);
        builder.Property(c => c.Epoch).HasMaxLength(32).IsUnicode(false);
    }
}
