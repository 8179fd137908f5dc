using System.Globalization;
using System.Text;

namespace Thywill.Blazor.E2E.Fuzzing;

/// <summary>
/// Writes JSON text by hand. System.Text.Json refuses to write what a hostile page can send
/// (lone surrogates, for one), so the fuzz inputs are built as text and parsed by the page itself.
/// </summary>
internal static class JsonText
{
    public const string Null = "null";

    public static string Of(string value)
    {
        var text = new StringBuilder(value.Length + 2).Append('"');
        foreach (var c in value)
        {
            // Escaped per UTF-16 unit: the page's JSON.parse gives back exactly these units,
            // unpaired surrogates included.
            if (c is '"' or '\\')
            {
                text.Append('\\').Append(c);
            }
            else if (c is < ' ' or > '~')
            {
                text.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
            }
            else
            {
                text.Append(c);
            }
        }

        return text.Append('"').ToString();
    }

    public static string Of(long value) => value.ToString(CultureInfo.InvariantCulture);

    public static string Of(double value) => value.ToString("R", CultureInfo.InvariantCulture);

    public static string Array(IEnumerable<string> items) => "[" + string.Join(',', items) + "]";

    public static string Array(params string[] items) => Array((IEnumerable<string>)items);

    public static string Object(params (string Name, string Value)[] members) =>
        "{" + string.Join(',', members.Select(m => Of(m.Name) + ":" + m.Value)) + "}";

    /// <summary>How deeply arrays and objects nest in <paramref name="json"/> (1 for <c>[]</c>).</summary>
    public static int Depth(string json)
    {
        int depth = 0, max = 0;
        var inString = false;
        for (var i = 0; i < json.Length; i++)
        {
            var c = json[i];
            if (inString)
            {
                if (c == '\\')
                {
                    i++;
                }
                else if (c == '"')
                {
                    inString = false;
                }
            }
            else if (c == '"')
            {
                inString = true;
            }
            else if (c is '[' or '{')
            {
                max = Math.Max(max, ++depth);
            }
            else if (c is ']' or '}')
            {
                depth--;
            }
        }

        return max;
    }

    /// <summary><paramref name="depth"/> arrays or objects inside each other around <paramref name="inner"/>.</summary>
    public static string Nested(int depth, bool objects, string inner = "0")
    {
        var text = new StringBuilder();
        for (var i = 0; i < depth; i++)
        {
            text.Append(objects ? "{\"a\":" : "[");
        }

        text.Append(inner);
        for (var i = 0; i < depth; i++)
        {
            text.Append(objects ? '}' : ']');
        }

        return text.ToString();
    }
}
