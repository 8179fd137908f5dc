using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Thywill.Blazor.Applications;
using Thywill.Blazor.Bootstrap;

namespace Thywill.Blazor.Hosting;

/// <summary>Returned by <c>AddThywill</c>; registers applications and further components.</summary>
public sealed class ThywillBuilder
{
    internal ThywillBuilder(IServiceCollection services) => Services = services;

    /// <summary>The service collection.</summary>
    public IServiceCollection Services { get; }

    /// <summary>Registers an application (one instance for the whole server).</summary>
    /// <typeparam name="TApplication">The application's server side.</typeparam>
    /// <returns>This builder.</returns>
    public ThywillBuilder AddApplication<TApplication>()
        where TApplication : class, IThywillApplication
    {
        Services.AddThywillApplication<TApplication>();
        return this;
    }
}
