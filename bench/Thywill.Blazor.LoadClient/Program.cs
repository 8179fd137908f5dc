namespace Thywill.Blazor.LoadClient;

internal static class CommandLine
{
    public static int Main() => 0;
}
