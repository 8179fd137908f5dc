using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Thywill.Blazor.Storage;

/// <summary>Stores a <see cref="DateTimeOffset"/> as UTC ticks, which every provider can index and compare.</summary>
internal sealed class DateTimeOffsetTicksConverter()
    : ValueConverter<DateTimeOffset, long>(v => v.UtcTicks, v => new DateTimeOffset(v, TimeSpan.Zero));
