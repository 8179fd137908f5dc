using Thywill.Blazor.Applications;
using Thywill.Blazor.Channels;
using Thywill.Blazor.Push;

namespace Thywill.Blazor.Hosting;

/// <summary>Makes the application-scoped push and channels.</summary>
internal sealed class ThywillServer(ThywillPush push, ThywillChannels channels) : IThywillServer
{
    public IThywillPush Push(string applicationId) => new ApplicationPush(Valid(applicationId), push);

    public IThywillChannels Channels(string applicationId) => new ApplicationChannels(Valid(applicationId), channels);

    private static string Valid(string applicationId) =>
        ApplicationDescriptor.IsValidId(applicationId)
            ? applicationId
            : throw new ArgumentException($"'{applicationId}' is not a valid application id.", nameof(applicationId));
}
