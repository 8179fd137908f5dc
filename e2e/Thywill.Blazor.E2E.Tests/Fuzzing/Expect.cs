namespace Thywill.Blazor.E2E.Fuzzing;

/// <summary>What a fuzz case may be answered with. Except for <see cref="Accepted"/>, nothing on the server may change.</summary>
internal enum Expect
{
    /// <summary>Refused with a code of <c>ErrorCodes</c>.</summary>
    Refusal,

    /// <summary>Refused with a named code, or accepted by an operation that changes nothing (a pure RPC function, an application that ignores sends, an error report).</summary>
    Answer,

    /// <summary>
    /// A call Blazor's own dispatcher turns away before the framework sees it (a method that does
    /// not exist, the wrong number of arguments): the page's promise is rejected. A named refusal is fine too.
    /// </summary>
    DispatcherRefusal,

    /// <summary>
    /// Hostile data that is still valid, sent where it is allowed (a publication to a room): accepted
    /// or refused with a named code, after which the server's state is read again; it must reach the
    /// other members without harm to them or to the server.
    /// </summary>
    Accepted,
}
