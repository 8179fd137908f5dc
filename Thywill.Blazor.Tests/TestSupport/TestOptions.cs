using Thywill.Blazor.Hosting;
using Thywill.Blazor.Rpc;

namespace Thywill.Blazor.Tests.TestSupport;

/// <summary>Every options section of a node wired by hand, at its defaults until a test changes them.</summary>
internal sealed class TestOptions
{
    public ClientOptions Clients { get; set; } = new();

    public MessageOptions Messages { get; set; } = new();

    public PushOptions Push { get; set; } = new();

    public RpcOptions Rpc { get; set; } = new();

    public RateLimitOptions RateLimits { get; set; } = new();

    public ChannelOptions Channels { get; set; } = new();

    public EngineOptions Engine { get; set; } = new();

    public DatabaseOptions Database { get; set; } = new();

    public ApplicationsOptions Applications { get; set; } = new();

    /// <summary>Default options changed by <paramref name="configure"/>.</summary>
    public static TestOptions With(Action<TestOptions>? configure = null)
    {
        var options = new TestOptions();
        configure?.Invoke(options);
        return options;
    }

    /// <summary>The limits a session made with these options lives by.</summary>
    public Thywill.Blazor.Clients.SessionLimits Limits => new(Push, Messages, Rpc, RateLimits);

    /// <summary>The channel rules these options give, over the rules applications declare in code.</summary>
    /// <param name="declared">The declared rules; none when <see langword="null"/>.</param>
    public Thywill.Blazor.Channels.ChannelRules Rules(Thywill.Blazor.Channels.DeclaredChannels? declared = null) =>
        new(TestOptionsMonitor.Of(Applications), TestOptionsMonitor.Of(Engine), declared ?? new Thywill.Blazor.Channels.DeclaredChannels());
}
