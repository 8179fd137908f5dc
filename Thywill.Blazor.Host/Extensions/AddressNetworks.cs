using System.Net;

namespace Thywill.Blazor.Host.Extensions;

/// <summary>Lists of client addresses in configuration: each entry an address (<c>10.0.0.7</c>) or a CIDR network (<c>10.0.0.0/8</c>).</summary>
internal static class AddressNetworks
{
    /// <summary>Parses <paramref name="values"/>; an entry that is neither gets an error naming <c>key:index</c>.</summary>
    /// <param name="key">The full configuration key of the list.</param>
    /// <param name="values">The list's entries.</param>
    /// <param name="errors">Where the errors go.</param>
    public static List<IPNetwork> Parse(string key, IReadOnlyList<string> values, List<string> errors)
    {
        var networks = new List<IPNetwork>(values.Count);
        for (var i = 0; i < values.Count; i++)
        {
            var value = values[i].Trim();
            if (IPNetwork.TryParse(value, out var network))
            {
                networks.Add(network);
            }
            else if (IPAddress.TryParse(value, out var address))
            {
                networks.Add(new IPNetwork(address, address.GetAddressBytes().Length * 8));
            }
            else
            {
                errors.Add($"{key}:{i} is '{values[i]}'; it must be an IP address or a CIDR network such as 10.0.0.0/8.");
            }
        }

        return networks;
    }

    /// <summary>Whether <paramref name="address"/> (IPv4-mapped IPv6 counts as IPv4) is in one of <paramref name="networks"/>.</summary>
    public static bool Contains(IReadOnlyList<IPNetwork> networks, IPAddress? address)
    {
        if (address is null)
        {
            return false;
        }

        var plain = address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
        foreach (var network in networks)
        {
            if (network.Contains(plain))
            {
                return true;
            }
        }

        return false;
    }
}
