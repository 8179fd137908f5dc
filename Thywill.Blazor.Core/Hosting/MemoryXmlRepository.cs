using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection.Repositories;

namespace Thywill.Blazor.Hosting;

/// <summary>The <see cref="KeyStore.Ephemeral"/> key ring: keys in memory, gone with the process.</summary>
internal sealed class MemoryXmlRepository : IXmlRepository
{
    private readonly List<XElement> _elements = [];

    public IReadOnlyCollection<XElement> GetAllElements()
    {
        lock (_elements)
        {
            return _elements.Select(e => new XElement(e)).ToList();
        }
    }

    public void StoreElement(XElement element, string friendlyName)
    {
        lock (_elements)
        {
            _elements.Add(new XElement(element));
        }
    }
}
