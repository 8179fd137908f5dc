using System.Text;

namespace Thywill.Blazor.E2E.Fuzzing;

/// <summary>
/// Seeded random JSON values: any type, nested, with strings drawn from pieces that include the
/// hostile ones. The letters are chosen so that no random string is ever a joinable channel name
/// (no rule pattern can be spelt), so every random channel operation must be refused.
/// </summary>
internal sealed class RandomJson(int seed)
{
    private static readonly string[] Pieces =
    [
        "x", "y", "z", "0", "9", "_", "-", ".", "@", "#", ":", "$", "*", " ", "/", "\\", "\"", "'", "<", ">",
        "\u0000", "\u001f", "\u007f", "\u00e9", "\u0301", "\u200b", "\u202e", "\u2028", "\ufeff", "\uffff",
        "\ud800", "\udc00", "\ud83d\ude00", "\u4e2d", "$client:", "$session:", "$broadcast", "__proto__",
    ];

    private readonly Random _random = new(seed);

    public int Next(int max) => _random.Next(max);

    public T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];

    public string String(int maxPieces = 12)
    {
        var text = new StringBuilder();
        var count = _random.Next(maxPieces + 1);
        for (var i = 0; i < count; i++)
        {
            text.Append(Pick(Pieces));
        }

        return text.ToString();
    }

    /// <summary>A random value of any JSON type, at most <paramref name="depth"/> deep.</summary>
    public string Value(int depth = 4)
    {
        var kind = _random.Next(depth > 0 ? 9 : 6);
        return kind switch
        {
            0 => JsonText.Null,
            1 => _random.Next(2) == 0 ? "true" : "false",
            2 => JsonText.Of(_random.NextInt64(long.MinValue, long.MaxValue)),
            3 => JsonText.Of((_random.NextDouble() - 0.5) * Math.Pow(10, _random.Next(-10, 309))),
            4 or 5 => JsonText.Of(String()),
            6 => JsonText.Array(Enumerable.Range(0, _random.Next(5)).Select(_ => Value(depth - 1)).ToArray()),
            7 => JsonText.Object(Enumerable.Range(0, _random.Next(5)).Select(_ => (String(4), Value(depth - 1))).ToArray()),
            _ => JsonText.Nested(_random.Next(1, 80), _random.Next(2) == 0),
        };
    }
}
