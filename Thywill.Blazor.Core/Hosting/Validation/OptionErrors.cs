using Microsoft.Extensions.Options;

namespace Thywill.Blazor.Hosting.Validation;

/// <summary>
/// Collects a section's validation errors, each naming its full configuration key and the value found
/// (<c>Thywill:Messages:MaxMessageBytes is 0; …</c>) so an operator can fix it at once. The validators
/// are written by hand rather than source-generated because the generated messages name the property,
/// not the key, and leave the value out.
/// </summary>
internal sealed class OptionErrors(string section)
{
    private readonly List<string> _errors = [];

    /// <summary>The full key of <paramref name="name"/> in this section.</summary>
    public string Key(string name) => $"Thywill:{section}:{name}";

    public void Add(string error) => _errors.Add(error);

    public void Range(string name, int value, int min, int max) => Range(name, (long)value, min, max);

    public void Range(string name, long value, long min, long max)
    {
        if (value < min || value > max)
        {
            _errors.Add(FormattableString.Invariant($"{Key(name)} is {value}; it must be between {min} and {max}."));
        }
    }

    public void Positive(string name, TimeSpan value)
    {
        if (value <= TimeSpan.Zero)
        {
            _errors.Add($"{Key(name)} is {value}; it must be a positive duration.");
        }
    }

    public void Defined<TEnum>(string name, TEnum value)
        where TEnum : struct, Enum
    {
        if (!Enum.IsDefined(value))
        {
            _errors.Add($"{Key(name)} is '{value}'; it must be one of {string.Join(", ", Enum.GetNames<TEnum>())}.");
        }
    }

    public ValidateOptionsResult Result() =>
        _errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(_errors);
}
