using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using Thywill.Blazor.Storage.Entities;

namespace Thywill.Blazor.Storage.Configurations;

internal sealed class ArchivedPublicationConfiguration : IEntityTypeConfiguration<ArchivedPublication>
{
    public void Configure(EntityTypeBuilder<ArchivedPublication> builder)
    {
        builder.ToTable("ArchivedPublications");
        builder.HasKey(p => new { p.ApplicationId, p.Channel, p.Offset });
        builder.Property(p => p.ApplicationId).HasMaxLength(64).IsUnicode(false);
        builder.Property(p => p.Channel).HasMaxLength(160).IsUnicode(false);
        builder.Property(p => p.MessageId).HasMaxLength(64).IsUnicode(false);
        builder.Property(p => p.From).HasMaxLength(64).IsUnicode(false);
        builder.HasOne<ArchivedChannel>().WithMany().HasForeignKey(p => new { p.ApplicationId, p.Channel }).OnDelete(DeleteBehavior.Cascade);
    }
}
