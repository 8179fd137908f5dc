using System.Text.Json;
using Thywill.Blazor.Components;

namespace Thywill.Blazor.Tests.Components;

/// <summary>
/// A page may send any JSON to the interop methods: what has the wrong type is refused by name, and
/// text that cannot be written again (an unpaired surrogate) never gets in.
/// </summary>
public sealed class InteropArgumentsTests
{
    [Theory]
    [InlineData("\"room:1\"", "room:1")]
    [InlineData("\"\"", "")]
    [InlineData("\"\\ud83d\\ude00\"", "\U0001F600")]
    [InlineData("1", null)]
    [InlineData("null", null)]
    [InlineData("[\"room:1\"]", null)]
    [InlineData("{\"name\":\"room:1\"}", null)]
    [InlineData("\"\\ud800\"", null)]
    [InlineData("\"room:\\udc00\"", null)]
    public void Text_AnyJson_IsTheStringOrNull(string json, string? expected) =>
        Assert.Equal(expected, InteropArguments.Text(Parse(json)));

    [Theory]
    [InlineData("null", false, null)]
    [InlineData("{}", false, null)]
    [InlineData("{\"history\":true,\"info\":{\"name\":\"Ann\"},\"position\":null}", true, "{\"name\":\"Ann\"}")]
    [InlineData("{\"History\":false,\"info\":null}", false, null)]
    [InlineData("{\"\\ud800\":1,\"history\":true}", true, null)]
    public void TryJoinOptions_WhatThywillJsSends_IsRead(string json, bool history, string? info)
    {
        Assert.True(InteropArguments.TryJoinOptions(Parse(json), out var options));

        Assert.Equal(history, options?.History ?? false);
        Assert.Equal(info, options?.Info?.GetRawText());
    }

    [Theory]
    [InlineData("true")]
    [InlineData("1")]
    [InlineData("\"history\"")]
    [InlineData("[]")]
    [InlineData("{\"history\":\"yes\"}")]
    [InlineData("{\"history\":1}")]
    [InlineData("{\"history\":null}")]
    [InlineData("{\"history\":[true]}")]
    [InlineData("{\"info\":\"\\ud800\"}")]
    [InlineData("{\"info\":{\"\\udc00\":1}}")]
    public void TryJoinOptions_AnythingElse_IsRefused(string json) =>
        Assert.False(InteropArguments.TryJoinOptions(Parse(json), out _));

    [Theory]
    [InlineData("null", true, false)]
    [InlineData("{}", true, false)]
    [InlineData("{\"excludeSelf\":true}", true, true)]
    [InlineData("{\"excludeSelf\":false}", true, false)]
    [InlineData("{\"excludeSelf\":\"true\"}", false, false)]
    [InlineData("{\"excludeSelf\":null}", false, false)]
    [InlineData("false", false, false)]
    [InlineData("[{\"excludeSelf\":true}]", false, false)]
    public void TryPublishOptions_AnyJson_ReadOrRefused(string json, bool read, bool excludeSelf)
    {
        Assert.Equal(read, InteropArguments.TryPublishOptions(Parse(json), out var exclude));
        Assert.Equal(excludeSelf, exclude);
    }

    [Theory]
    [InlineData("1")]
    [InlineData("\"plain ascii\"")]
    [InlineData("\"\\ud83d\\ude00 and \U0001F600\"")]
    [InlineData("{\"\\ud83d\\ude00\":[\"\\u0000\",\"\\\\ud800\"]}")]
    [InlineData("\"\\\\\\\\ud800\"")]
    [InlineData("\"\\uFFFF\\uFEFF\\u202E\"")]
    public void IsText_UnicodeText_True(string json) =>
        Assert.True(InteropArguments.IsText(Parse(json)));

    [Theory]
    [InlineData("\"\\ud800\"")]
    [InlineData("\"\\uDFFF\"")]
    [InlineData("\"\\udc00\\ud800\"")]
    [InlineData("\"a\\ud83d\"")]
    [InlineData("\"\\ud83d\\u0041\"")]
    [InlineData("\"\\ud83d\\ud83d\"")]
    [InlineData("\"\\\\\\ud800\"")]
    [InlineData("{\"\\ud800\":1}")]
    [InlineData("[1,[{\"a\":\"x\\udc00\"}]]")]
    public void IsText_UnpairedSurrogate_False(string json) =>
        Assert.False(InteropArguments.IsText(Parse(json)));

    [Fact]
    public void Report_FieldsOfTheWrongType_AreLeftOut()
    {
        var report = InteropArguments.Report(Parse("{\"kind\":\"error\",\"message\":7,\"line\":\"3\",\"column\":4,\"stack\":\"\\ud800\"}"));

        Assert.NotNull(report);
        Assert.Equal("error", report.Kind);
        Assert.Null(report.Message);
        Assert.Null(report.Line);
        Assert.Equal(4, report.Column);
        Assert.Null(report.Stack);
    }

    [Theory]
    [InlineData("null")]
    [InlineData("\"an error\"")]
    [InlineData("[{\"message\":\"x\"}]")]
    public void Report_NotAnObject_IsNull(string json) =>
        Assert.Null(InteropArguments.Report(Parse(json)));

    private static JsonElement Parse(string json) => JsonDocument.Parse(json).RootElement;
}
