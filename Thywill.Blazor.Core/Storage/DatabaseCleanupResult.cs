namespace Thywill.Blazor.Storage;

/// <summary>What one round of <see cref="DatabaseCleanup"/> deleted.</summary>
/// <param name="Clients">Clients last seen before the retention.</param>
/// <param name="Sessions">Sessions last seen before the retention.</param>
/// <param name="Channels">Archived channels untouched since before the retention, with their publications.</param>
internal readonly record struct DatabaseCleanupResult(int Clients, int Sessions, int Channels);
