namespace DualStackGen.Runtime.Tests.Production;

/// <summary>How <c>LISTEN_PID</c>, <c>LISTEN_FDS</c> and <c>LISTEN_FDNAMES</c> are read, as systemd's sd_listen_fds_with_names does.</summary>
public sealed class SocketActivationEnvironmentTests
{
    [Fact]
    public void Sockets_passed_to_this_process_are_read_with_their_names()
    {
        string[]? names = SocketActivation.Parse("4242", "2", "web:admin", 4242, out string reason);

        Assert.Equal(["web", "admin"], Assert.IsType<string[]>(names));
        Assert.Empty(reason);
    }

    [Fact]
    public void Without_names_each_socket_is_unknown_as_systemd_calls_it()
    {
        Assert.Equal(["unknown", "unknown"], Assert.IsType<string[]>(SocketActivation.Parse("7", "2", null, 7, out _)));
    }

    [Fact]
    public void A_name_count_that_does_not_match_is_reported_and_the_names_are_not_used()
    {
        Assert.Equal(["unknown", "unknown"], Assert.IsType<string[]>(SocketActivation.Parse("7", "2", "web", 7, out string reason)));
        Assert.Equal("LISTEN_FDNAMES has 1 name(s) for 2 descriptor(s); the names are not used", reason);
    }

    [Theory]
    [InlineData("4243", "2", "LISTEN_PID 4243 is not this process (4242): the sockets were passed to another one")]
    [InlineData(null, "2", "LISTEN_PID is not set")]
    [InlineData("abc", "2", "LISTEN_PID \"abc\" is not a process id")]
    [InlineData("4242", "two", "LISTEN_FDS \"two\" is not a number of descriptors")]
    [InlineData("4242", "-1", "LISTEN_FDS \"-1\" is not a number of descriptors")]
    public void Sockets_meant_for_another_process_or_garbled_variables_are_not_used(string? pid, string count, string expected)
    {
        Assert.Null(SocketActivation.Parse(pid, count, null, 4242, out string reason));
        Assert.Equal(expected, reason);
    }
}
