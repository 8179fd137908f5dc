using System.Buffers.Text;
using System.Security.Cryptography;

namespace Thywill.Blazor;

/// <summary>Unguessable identifiers: 128 random bits, base64url (22 characters).</summary>
internal static class IdGenerator
{
    public static string NewId()
    {
        Span<byte> bytes = stackalloc byte[16];
        RandomNumberGenerator.Fill(bytes);
        return Base64Url.EncodeToString(bytes);
    }
}
