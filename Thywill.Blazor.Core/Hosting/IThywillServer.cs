using Thywill.Blazor.Channels;
using Thywill.Blazor.Push;

namespace Thywill.Blazor.Hosting;

/// <summary>
/// The server side of every application, for the host: an operator console, a test, a background
/// service that feeds an application. Applications use their own
/// <see cref="Applications.ThywillApplication.Push"/> and <see cref="Applications.ThywillApplication.Channels"/>,
/// which cannot reach another application.
/// </summary>
public interface IThywillServer
{
    /// <summary>The push of one application.</summary>
    /// <param name="applicationId">The application's id.</param>
    /// <exception cref="ArgumentException">The id is not a valid application id.</exception>
    IThywillPush Push(string applicationId);

    /// <summary>The channels of one application.</summary>
    /// <param name="applicationId">The application's id.</param>
    /// <exception cref="ArgumentException">The id is not a valid application id.</exception>
    IThywillChannels Channels(string applicationId);
}
