# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_gennaker_global_optspecs
    string join \n output= color= v/verbose q/quiet config= data-dir= non-interactive h/help V/version
end

function __fish_gennaker_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_gennaker_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_gennaker_using_subcommand
    set -l cmd (__fish_gennaker_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c gennaker -n "__fish_gennaker_needs_command" -l output -d 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned tables for a person at a terminal'
plain\t'One line per item, stable for logs and grep'
json\t'JSON on stdout, nothing else'"
complete -c gennaker -n "__fish_gennaker_needs_command" -l color -d 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off' -r -f -a "auto\t'Colour when writing to a terminal that allows it'
always\t'Always colour'
never\t'Never colour'"
complete -c gennaker -n "__fish_gennaker_needs_command" -l config -d 'Read settings from this file instead of the default config file' -r -F
complete -c gennaker -n "__fish_gennaker_needs_command" -l data-dir -d 'Keep executions and sandbox state in this directory' -r -F
complete -c gennaker -n "__fish_gennaker_needs_command" -s v -l verbose -d 'Say more about what happens (repeat for more detail)'
complete -c gennaker -n "__fish_gennaker_needs_command" -s q -l quiet -d 'Print only results and errors'
complete -c gennaker -n "__fish_gennaker_needs_command" -l non-interactive -d 'Never prompt; implied when stdin is not a terminal or `CI` is set'
complete -c gennaker -n "__fish_gennaker_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gennaker -n "__fish_gennaker_needs_command" -s V -l version -d 'Print version'
complete -c gennaker -n "__fish_gennaker_needs_command" -f -a "run" -d 'Run a pipeline: stages in order, parallel branches at once, judgments answered as they come'
complete -c gennaker -n "__fish_gennaker_needs_command" -f -a "judge" -d 'Answer a manual judgment of an execution running in another shell or CI step'
complete -c gennaker -n "__fish_gennaker_needs_command" -f -a "executions" -d 'Executions kept on disk: list, show, cancel, resume'
complete -c gennaker -n "__fish_gennaker_needs_command" -f -a "validate" -d 'Check pipeline files and report every problem, located, before anything runs'
complete -c gennaker -n "__fish_gennaker_needs_command" -f -a "plan" -d 'Show what a pipeline would do: stages in order, parallel waves and their conditions'
complete -c gennaker -n "__fish_gennaker_needs_command" -f -a "clusters" -d 'The global view: every server group of an application, over every account and region'
complete -c gennaker -n "__fish_gennaker_needs_command" -f -a "server-group" -d 'One-off server group operations, through the same safety rails as the stages'
complete -c gennaker -n "__fish_gennaker_needs_command" -f -a "config" -d 'gennaker\'s own settings and the accounts it deploys to'
complete -c gennaker -n "__fish_gennaker_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c gennaker -n "__fish_gennaker_needs_command" -f -a "man" -d 'Print the man pages (roff), one per command'
complete -c gennaker -n "__fish_gennaker_needs_command" -f -a "expr" -d 'Pipeline expressions (`${…}`)'
complete -c gennaker -n "__fish_gennaker_needs_command" -f -a "sandbox" -d 'Local simulated clouds to rehearse pipelines against'
complete -c gennaker -n "__fish_gennaker_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c gennaker -n "__fish_gennaker_using_subcommand run" -l pipeline -d 'Pick the pipeline with this name from a file holding several' -r
complete -c gennaker -n "__fish_gennaker_using_subcommand run" -l pipeline-id -d 'Pick the pipeline with this id from a file holding several' -r
complete -c gennaker -n "__fish_gennaker_using_subcommand run" -l param -d 'Set a pipeline parameter (repeatable); overrides `--params-file` and defaults' -r
complete -c gennaker -n "__fish_gennaker_using_subcommand run" -l params-file -d 'Read parameters from a JSON object' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand run" -l trigger -d 'Use this trigger (a JSON object shaped as Spinnaker\'s execution trigger) instead of a manual one; a CI step passes what triggered it: docker tag, build, webhook payload' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand run" -l judgment -d 'Answer a manual judgment in advance (repeatable): `STAGE NAME=continue`, `STAGE NAME=continue:INPUT` or `STAGE NAME=stop`' -r
complete -c gennaker -n "__fish_gennaker_using_subcommand run" -l map -d 'With --rehearse: the sandbox account (`sandbox-dcos`, `sandbox-cf`) an account stands in for (repeatable); by default the one of the account\'s provider' -r
complete -c gennaker -n "__fish_gennaker_using_subcommand run" -l fault -d 'With --rehearse: a sandbox fault for this rehearsal only (repeatable): `KIND` on every DC/OS region of the pipeline or `REGION=KIND` on one; KIND as `gennaker sandbox fault` (`crashloop`, `unhealthy`, `slow-start=SECONDS`, `http-5xx=RATE`, …)' -r
complete -c gennaker -n "__fish_gennaker_using_subcommand run" -l pipelines-dir -d 'Also look for the pipelines of `pipeline` stages (and `#pipelineId`) in this directory (repeatable); the pipeline\'s own file and directory are always searched' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand run" -l output -d 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned tables for a person at a terminal'
plain\t'One line per item, stable for logs and grep'
json\t'JSON on stdout, nothing else'"
complete -c gennaker -n "__fish_gennaker_using_subcommand run" -l color -d 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off' -r -f -a "auto\t'Colour when writing to a terminal that allows it'
always\t'Always colour'
never\t'Never colour'"
complete -c gennaker -n "__fish_gennaker_using_subcommand run" -l config -d 'Read settings from this file instead of the default config file' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand run" -l data-dir -d 'Keep executions and sandbox state in this directory' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand run" -l no-wait-for-judgment -d 'Fail at once (exit 3) when a manual judgment has no answer, instead of waiting for `gennaker judge`; implied when `CI` is set'
complete -c gennaker -n "__fish_gennaker_using_subcommand run" -l skip-windows -d 'Ignore execution windows: stages restricted to a time window start at once'
complete -c gennaker -n "__fish_gennaker_using_subcommand run" -l wait -d 'When another execution of this pipeline runs (`limitConcurrent`), queue behind it instead of failing; with `keepWaitingPipelines: false` only the newest queued run starts'
complete -c gennaker -n "__fish_gennaker_using_subcommand run" -l rehearse -d 'Rehearse: run the pipeline against the built-in sandbox instead of its real accounts; each account stands in for a sandbox account of its provider, and the end of the run lists the conditional branches no rehearsal of this pipeline has exercised yet'
complete -c gennaker -n "__fish_gennaker_using_subcommand run" -s v -l verbose -d 'Say more about what happens (repeat for more detail)'
complete -c gennaker -n "__fish_gennaker_using_subcommand run" -s q -l quiet -d 'Print only results and errors'
complete -c gennaker -n "__fish_gennaker_using_subcommand run" -l non-interactive -d 'Never prompt; implied when stdin is not a terminal or `CI` is set'
complete -c gennaker -n "__fish_gennaker_using_subcommand run" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gennaker -n "__fish_gennaker_using_subcommand judge" -l stage -d 'The manual judgment stage, by name' -r
complete -c gennaker -n "__fish_gennaker_using_subcommand judge" -l input -d 'The judgment input to record (one of the stage\'s `judgmentInputs`)' -r
complete -c gennaker -n "__fish_gennaker_using_subcommand judge" -l output -d 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned tables for a person at a terminal'
plain\t'One line per item, stable for logs and grep'
json\t'JSON on stdout, nothing else'"
complete -c gennaker -n "__fish_gennaker_using_subcommand judge" -l color -d 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off' -r -f -a "auto\t'Colour when writing to a terminal that allows it'
always\t'Always colour'
never\t'Never colour'"
complete -c gennaker -n "__fish_gennaker_using_subcommand judge" -l config -d 'Read settings from this file instead of the default config file' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand judge" -l data-dir -d 'Keep executions and sandbox state in this directory' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand judge" -l continue -d 'Let the pipeline go on'
complete -c gennaker -n "__fish_gennaker_using_subcommand judge" -l stop -d 'Stop the pipeline'
complete -c gennaker -n "__fish_gennaker_using_subcommand judge" -s v -l verbose -d 'Say more about what happens (repeat for more detail)'
complete -c gennaker -n "__fish_gennaker_using_subcommand judge" -s q -l quiet -d 'Print only results and errors'
complete -c gennaker -n "__fish_gennaker_using_subcommand judge" -l non-interactive -d 'Never prompt; implied when stdin is not a terminal or `CI` is set'
complete -c gennaker -n "__fish_gennaker_using_subcommand judge" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gennaker -n "__fish_gennaker_using_subcommand executions; and not __fish_seen_subcommand_from list show cancel resume help" -l output -d 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned tables for a person at a terminal'
plain\t'One line per item, stable for logs and grep'
json\t'JSON on stdout, nothing else'"
complete -c gennaker -n "__fish_gennaker_using_subcommand executions; and not __fish_seen_subcommand_from list show cancel resume help" -l color -d 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off' -r -f -a "auto\t'Colour when writing to a terminal that allows it'
always\t'Always colour'
never\t'Never colour'"
complete -c gennaker -n "__fish_gennaker_using_subcommand executions; and not __fish_seen_subcommand_from list show cancel resume help" -l config -d 'Read settings from this file instead of the default config file' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand executions; and not __fish_seen_subcommand_from list show cancel resume help" -l data-dir -d 'Keep executions and sandbox state in this directory' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand executions; and not __fish_seen_subcommand_from list show cancel resume help" -s v -l verbose -d 'Say more about what happens (repeat for more detail)'
complete -c gennaker -n "__fish_gennaker_using_subcommand executions; and not __fish_seen_subcommand_from list show cancel resume help" -s q -l quiet -d 'Print only results and errors'
complete -c gennaker -n "__fish_gennaker_using_subcommand executions; and not __fish_seen_subcommand_from list show cancel resume help" -l non-interactive -d 'Never prompt; implied when stdin is not a terminal or `CI` is set'
complete -c gennaker -n "__fish_gennaker_using_subcommand executions; and not __fish_seen_subcommand_from list show cancel resume help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gennaker -n "__fish_gennaker_using_subcommand executions; and not __fish_seen_subcommand_from list show cancel resume help" -f -a "list" -d 'List executions, newest first'
complete -c gennaker -n "__fish_gennaker_using_subcommand executions; and not __fish_seen_subcommand_from list show cancel resume help" -f -a "show" -d 'Show one execution: its stages, or the whole document with `--output json`'
complete -c gennaker -n "__fish_gennaker_using_subcommand executions; and not __fish_seen_subcommand_from list show cancel resume help" -f -a "cancel" -d 'Cancel an execution running in another shell'
complete -c gennaker -n "__fish_gennaker_using_subcommand executions; and not __fish_seen_subcommand_from list show cancel resume help" -f -a "resume" -d 'Continue an execution whose process died (killed, crashed, machine restarted) without redoing finished work'
complete -c gennaker -n "__fish_gennaker_using_subcommand executions; and not __fish_seen_subcommand_from list show cancel resume help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c gennaker -n "__fish_gennaker_using_subcommand executions; and __fish_seen_subcommand_from list" -l pipeline -d 'Only executions of this pipeline (by name)' -r
complete -c gennaker -n "__fish_gennaker_using_subcommand executions; and __fish_seen_subcommand_from list" -l status -d 'Only executions with this status (e.g. `SUCCEEDED`, `TERMINAL`, `RUNNING`)' -r
complete -c gennaker -n "__fish_gennaker_using_subcommand executions; and __fish_seen_subcommand_from list" -l since -d 'Only executions started within this long, e.g. `30m`, `2h`, `7d`' -r
complete -c gennaker -n "__fish_gennaker_using_subcommand executions; and __fish_seen_subcommand_from list" -l output -d 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned tables for a person at a terminal'
plain\t'One line per item, stable for logs and grep'
json\t'JSON on stdout, nothing else'"
complete -c gennaker -n "__fish_gennaker_using_subcommand executions; and __fish_seen_subcommand_from list" -l color -d 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off' -r -f -a "auto\t'Colour when writing to a terminal that allows it'
always\t'Always colour'
never\t'Never colour'"
complete -c gennaker -n "__fish_gennaker_using_subcommand executions; and __fish_seen_subcommand_from list" -l config -d 'Read settings from this file instead of the default config file' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand executions; and __fish_seen_subcommand_from list" -l data-dir -d 'Keep executions and sandbox state in this directory' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand executions; and __fish_seen_subcommand_from list" -s v -l verbose -d 'Say more about what happens (repeat for more detail)'
complete -c gennaker -n "__fish_gennaker_using_subcommand executions; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only results and errors'
complete -c gennaker -n "__fish_gennaker_using_subcommand executions; and __fish_seen_subcommand_from list" -l non-interactive -d 'Never prompt; implied when stdin is not a terminal or `CI` is set'
complete -c gennaker -n "__fish_gennaker_using_subcommand executions; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gennaker -n "__fish_gennaker_using_subcommand executions; and __fish_seen_subcommand_from show" -l output -d 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned tables for a person at a terminal'
plain\t'One line per item, stable for logs and grep'
json\t'JSON on stdout, nothing else'"
complete -c gennaker -n "__fish_gennaker_using_subcommand executions; and __fish_seen_subcommand_from show" -l color -d 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off' -r -f -a "auto\t'Colour when writing to a terminal that allows it'
always\t'Always colour'
never\t'Never colour'"
complete -c gennaker -n "__fish_gennaker_using_subcommand executions; and __fish_seen_subcommand_from show" -l config -d 'Read settings from this file instead of the default config file' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand executions; and __fish_seen_subcommand_from show" -l data-dir -d 'Keep executions and sandbox state in this directory' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand executions; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Say more about what happens (repeat for more detail)'
complete -c gennaker -n "__fish_gennaker_using_subcommand executions; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only results and errors'
complete -c gennaker -n "__fish_gennaker_using_subcommand executions; and __fish_seen_subcommand_from show" -l non-interactive -d 'Never prompt; implied when stdin is not a terminal or `CI` is set'
complete -c gennaker -n "__fish_gennaker_using_subcommand executions; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gennaker -n "__fish_gennaker_using_subcommand executions; and __fish_seen_subcommand_from cancel" -l output -d 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned tables for a person at a terminal'
plain\t'One line per item, stable for logs and grep'
json\t'JSON on stdout, nothing else'"
complete -c gennaker -n "__fish_gennaker_using_subcommand executions; and __fish_seen_subcommand_from cancel" -l color -d 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off' -r -f -a "auto\t'Colour when writing to a terminal that allows it'
always\t'Always colour'
never\t'Never colour'"
complete -c gennaker -n "__fish_gennaker_using_subcommand executions; and __fish_seen_subcommand_from cancel" -l config -d 'Read settings from this file instead of the default config file' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand executions; and __fish_seen_subcommand_from cancel" -l data-dir -d 'Keep executions and sandbox state in this directory' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand executions; and __fish_seen_subcommand_from cancel" -s v -l verbose -d 'Say more about what happens (repeat for more detail)'
complete -c gennaker -n "__fish_gennaker_using_subcommand executions; and __fish_seen_subcommand_from cancel" -s q -l quiet -d 'Print only results and errors'
complete -c gennaker -n "__fish_gennaker_using_subcommand executions; and __fish_seen_subcommand_from cancel" -l non-interactive -d 'Never prompt; implied when stdin is not a terminal or `CI` is set'
complete -c gennaker -n "__fish_gennaker_using_subcommand executions; and __fish_seen_subcommand_from cancel" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gennaker -n "__fish_gennaker_using_subcommand executions; and __fish_seen_subcommand_from resume" -l output -d 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned tables for a person at a terminal'
plain\t'One line per item, stable for logs and grep'
json\t'JSON on stdout, nothing else'"
complete -c gennaker -n "__fish_gennaker_using_subcommand executions; and __fish_seen_subcommand_from resume" -l color -d 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off' -r -f -a "auto\t'Colour when writing to a terminal that allows it'
always\t'Always colour'
never\t'Never colour'"
complete -c gennaker -n "__fish_gennaker_using_subcommand executions; and __fish_seen_subcommand_from resume" -l config -d 'Read settings from this file instead of the default config file' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand executions; and __fish_seen_subcommand_from resume" -l data-dir -d 'Keep executions and sandbox state in this directory' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand executions; and __fish_seen_subcommand_from resume" -l no-wait-for-judgment -d 'Fail at once (exit 3) when a manual judgment has no answer, instead of waiting for `gennaker judge`; implied when `CI` is set'
complete -c gennaker -n "__fish_gennaker_using_subcommand executions; and __fish_seen_subcommand_from resume" -l skip-windows -d 'Ignore execution windows: stages restricted to a time window start at once'
complete -c gennaker -n "__fish_gennaker_using_subcommand executions; and __fish_seen_subcommand_from resume" -s v -l verbose -d 'Say more about what happens (repeat for more detail)'
complete -c gennaker -n "__fish_gennaker_using_subcommand executions; and __fish_seen_subcommand_from resume" -s q -l quiet -d 'Print only results and errors'
complete -c gennaker -n "__fish_gennaker_using_subcommand executions; and __fish_seen_subcommand_from resume" -l non-interactive -d 'Never prompt; implied when stdin is not a terminal or `CI` is set'
complete -c gennaker -n "__fish_gennaker_using_subcommand executions; and __fish_seen_subcommand_from resume" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gennaker -n "__fish_gennaker_using_subcommand executions; and __fish_seen_subcommand_from help" -f -a "list" -d 'List executions, newest first'
complete -c gennaker -n "__fish_gennaker_using_subcommand executions; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one execution: its stages, or the whole document with `--output json`'
complete -c gennaker -n "__fish_gennaker_using_subcommand executions; and __fish_seen_subcommand_from help" -f -a "cancel" -d 'Cancel an execution running in another shell'
complete -c gennaker -n "__fish_gennaker_using_subcommand executions; and __fish_seen_subcommand_from help" -f -a "resume" -d 'Continue an execution whose process died (killed, crashed, machine restarted) without redoing finished work'
complete -c gennaker -n "__fish_gennaker_using_subcommand executions; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c gennaker -n "__fish_gennaker_using_subcommand validate" -l pipeline -d 'Pick the pipeline with this name from a file holding several' -r
complete -c gennaker -n "__fish_gennaker_using_subcommand validate" -l pipeline-id -d 'Pick the pipeline with this id from a file holding several' -r
complete -c gennaker -n "__fish_gennaker_using_subcommand validate" -l output -d 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned tables for a person at a terminal'
plain\t'One line per item, stable for logs and grep'
json\t'JSON on stdout, nothing else'"
complete -c gennaker -n "__fish_gennaker_using_subcommand validate" -l color -d 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off' -r -f -a "auto\t'Colour when writing to a terminal that allows it'
always\t'Always colour'
never\t'Never colour'"
complete -c gennaker -n "__fish_gennaker_using_subcommand validate" -l config -d 'Read settings from this file instead of the default config file' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand validate" -l data-dir -d 'Keep executions and sandbox state in this directory' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand validate" -s v -l verbose -d 'Say more about what happens (repeat for more detail)'
complete -c gennaker -n "__fish_gennaker_using_subcommand validate" -s q -l quiet -d 'Print only results and errors'
complete -c gennaker -n "__fish_gennaker_using_subcommand validate" -l non-interactive -d 'Never prompt; implied when stdin is not a terminal or `CI` is set'
complete -c gennaker -n "__fish_gennaker_using_subcommand validate" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gennaker -n "__fish_gennaker_using_subcommand plan" -l pipeline -d 'Pick the pipeline with this name from a file holding several' -r
complete -c gennaker -n "__fish_gennaker_using_subcommand plan" -l pipeline-id -d 'Pick the pipeline with this id from a file holding several' -r
complete -c gennaker -n "__fish_gennaker_using_subcommand plan" -l output -d 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned tables for a person at a terminal'
plain\t'One line per item, stable for logs and grep'
json\t'JSON on stdout, nothing else'"
complete -c gennaker -n "__fish_gennaker_using_subcommand plan" -l color -d 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off' -r -f -a "auto\t'Colour when writing to a terminal that allows it'
always\t'Always colour'
never\t'Never colour'"
complete -c gennaker -n "__fish_gennaker_using_subcommand plan" -l config -d 'Read settings from this file instead of the default config file' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand plan" -l data-dir -d 'Keep executions and sandbox state in this directory' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand plan" -s v -l verbose -d 'Say more about what happens (repeat for more detail)'
complete -c gennaker -n "__fish_gennaker_using_subcommand plan" -s q -l quiet -d 'Print only results and errors'
complete -c gennaker -n "__fish_gennaker_using_subcommand plan" -l non-interactive -d 'Never prompt; implied when stdin is not a terminal or `CI` is set'
complete -c gennaker -n "__fish_gennaker_using_subcommand plan" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gennaker -n "__fish_gennaker_using_subcommand clusters" -l account -d 'Only this account (repeatable); every configured account by default' -r
complete -c gennaker -n "__fish_gennaker_using_subcommand clusters" -l output -d 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned tables for a person at a terminal'
plain\t'One line per item, stable for logs and grep'
json\t'JSON on stdout, nothing else'"
complete -c gennaker -n "__fish_gennaker_using_subcommand clusters" -l color -d 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off' -r -f -a "auto\t'Colour when writing to a terminal that allows it'
always\t'Always colour'
never\t'Never colour'"
complete -c gennaker -n "__fish_gennaker_using_subcommand clusters" -l config -d 'Read settings from this file instead of the default config file' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand clusters" -l data-dir -d 'Keep executions and sandbox state in this directory' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand clusters" -s v -l verbose -d 'Say more about what happens (repeat for more detail)'
complete -c gennaker -n "__fish_gennaker_using_subcommand clusters" -s q -l quiet -d 'Print only results and errors'
complete -c gennaker -n "__fish_gennaker_using_subcommand clusters" -l non-interactive -d 'Never prompt; implied when stdin is not a terminal or `CI` is set'
complete -c gennaker -n "__fish_gennaker_using_subcommand clusters" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and not __fish_seen_subcommand_from show resize enable disable destroy help" -l output -d 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned tables for a person at a terminal'
plain\t'One line per item, stable for logs and grep'
json\t'JSON on stdout, nothing else'"
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and not __fish_seen_subcommand_from show resize enable disable destroy help" -l color -d 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off' -r -f -a "auto\t'Colour when writing to a terminal that allows it'
always\t'Always colour'
never\t'Never colour'"
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and not __fish_seen_subcommand_from show resize enable disable destroy help" -l config -d 'Read settings from this file instead of the default config file' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and not __fish_seen_subcommand_from show resize enable disable destroy help" -l data-dir -d 'Keep executions and sandbox state in this directory' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and not __fish_seen_subcommand_from show resize enable disable destroy help" -s v -l verbose -d 'Say more about what happens (repeat for more detail)'
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and not __fish_seen_subcommand_from show resize enable disable destroy help" -s q -l quiet -d 'Print only results and errors'
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and not __fish_seen_subcommand_from show resize enable disable destroy help" -l non-interactive -d 'Never prompt; implied when stdin is not a terminal or `CI` is set'
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and not __fish_seen_subcommand_from show resize enable disable destroy help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and not __fish_seen_subcommand_from show resize enable disable destroy help" -f -a "show" -d 'Show one server group: capacity, instances, image, load balancers'
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and not __fish_seen_subcommand_from show resize enable disable destroy help" -f -a "resize" -d 'Change a server group\'s size; refused by a traffic guard when it would leave its cluster with no instances up'
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and not __fish_seen_subcommand_from show resize enable disable destroy help" -f -a "enable" -d 'Put a disabled server group back into service'
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and not __fish_seen_subcommand_from show resize enable disable destroy help" -f -a "disable" -d 'Take a server group out of service (kept, so it can be enabled again); refused by a traffic guard when it is the last one serving'
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and not __fish_seen_subcommand_from show resize enable disable destroy help" -f -a "destroy" -d 'Delete a server group (disabled first); refused by a traffic guard when it is the last one serving'
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and not __fish_seen_subcommand_from show resize enable disable destroy help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from show" -l account -d 'The account it is in' -r
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from show" -l region -d 'The region it is in (DC/OS cluster, or CF `org > space`)' -r
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from show" -l output -d 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned tables for a person at a terminal'
plain\t'One line per item, stable for logs and grep'
json\t'JSON on stdout, nothing else'"
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from show" -l color -d 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off' -r -f -a "auto\t'Colour when writing to a terminal that allows it'
always\t'Always colour'
never\t'Never colour'"
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from show" -l config -d 'Read settings from this file instead of the default config file' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from show" -l data-dir -d 'Keep executions and sandbox state in this directory' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from show" -l no-wait -d 'Return once the change is accepted, without waiting for it to finish'
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Say more about what happens (repeat for more detail)'
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only results and errors'
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from show" -l non-interactive -d 'Never prompt; implied when stdin is not a terminal or `CI` is set'
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from resize" -l account -d 'The account it is in' -r
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from resize" -l region -d 'The region it is in (DC/OS cluster, or CF `org > space`)' -r
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from resize" -l desired -d 'The number of instances wanted' -r
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from resize" -l min -d 'The fewest instances [default: the desired number]' -r
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from resize" -l max -d 'The most instances [default: the desired number]' -r
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from resize" -l output -d 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned tables for a person at a terminal'
plain\t'One line per item, stable for logs and grep'
json\t'JSON on stdout, nothing else'"
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from resize" -l color -d 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off' -r -f -a "auto\t'Colour when writing to a terminal that allows it'
always\t'Always colour'
never\t'Never colour'"
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from resize" -l config -d 'Read settings from this file instead of the default config file' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from resize" -l data-dir -d 'Keep executions and sandbox state in this directory' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from resize" -l no-wait -d 'Return once the change is accepted, without waiting for it to finish'
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from resize" -s v -l verbose -d 'Say more about what happens (repeat for more detail)'
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from resize" -s q -l quiet -d 'Print only results and errors'
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from resize" -l non-interactive -d 'Never prompt; implied when stdin is not a terminal or `CI` is set'
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from resize" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from enable" -l account -d 'The account it is in' -r
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from enable" -l region -d 'The region it is in (DC/OS cluster, or CF `org > space`)' -r
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from enable" -l output -d 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned tables for a person at a terminal'
plain\t'One line per item, stable for logs and grep'
json\t'JSON on stdout, nothing else'"
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from enable" -l color -d 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off' -r -f -a "auto\t'Colour when writing to a terminal that allows it'
always\t'Always colour'
never\t'Never colour'"
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from enable" -l config -d 'Read settings from this file instead of the default config file' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from enable" -l data-dir -d 'Keep executions and sandbox state in this directory' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from enable" -l no-wait -d 'Return once the change is accepted, without waiting for it to finish'
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from enable" -s v -l verbose -d 'Say more about what happens (repeat for more detail)'
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from enable" -s q -l quiet -d 'Print only results and errors'
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from enable" -l non-interactive -d 'Never prompt; implied when stdin is not a terminal or `CI` is set'
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from enable" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from disable" -l account -d 'The account it is in' -r
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from disable" -l region -d 'The region it is in (DC/OS cluster, or CF `org > space`)' -r
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from disable" -l output -d 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned tables for a person at a terminal'
plain\t'One line per item, stable for logs and grep'
json\t'JSON on stdout, nothing else'"
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from disable" -l color -d 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off' -r -f -a "auto\t'Colour when writing to a terminal that allows it'
always\t'Always colour'
never\t'Never colour'"
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from disable" -l config -d 'Read settings from this file instead of the default config file' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from disable" -l data-dir -d 'Keep executions and sandbox state in this directory' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from disable" -l no-wait -d 'Return once the change is accepted, without waiting for it to finish'
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from disable" -s v -l verbose -d 'Say more about what happens (repeat for more detail)'
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from disable" -s q -l quiet -d 'Print only results and errors'
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from disable" -l non-interactive -d 'Never prompt; implied when stdin is not a terminal or `CI` is set'
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from disable" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from destroy" -l account -d 'The account it is in' -r
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from destroy" -l region -d 'The region it is in (DC/OS cluster, or CF `org > space`)' -r
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from destroy" -l output -d 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned tables for a person at a terminal'
plain\t'One line per item, stable for logs and grep'
json\t'JSON on stdout, nothing else'"
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from destroy" -l color -d 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off' -r -f -a "auto\t'Colour when writing to a terminal that allows it'
always\t'Always colour'
never\t'Never colour'"
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from destroy" -l config -d 'Read settings from this file instead of the default config file' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from destroy" -l data-dir -d 'Keep executions and sandbox state in this directory' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from destroy" -l no-wait -d 'Return once the change is accepted, without waiting for it to finish'
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from destroy" -s y -l yes -d 'Do not ask for confirmation at a terminal'
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from destroy" -s v -l verbose -d 'Say more about what happens (repeat for more detail)'
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from destroy" -s q -l quiet -d 'Print only results and errors'
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from destroy" -l non-interactive -d 'Never prompt; implied when stdin is not a terminal or `CI` is set'
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from destroy" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one server group: capacity, instances, image, load balancers'
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from help" -f -a "resize" -d 'Change a server group\'s size; refused by a traffic guard when it would leave its cluster with no instances up'
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from help" -f -a "enable" -d 'Put a disabled server group back into service'
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from help" -f -a "disable" -d 'Take a server group out of service (kept, so it can be enabled again); refused by a traffic guard when it is the last one serving'
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from help" -f -a "destroy" -d 'Delete a server group (disabled first); refused by a traffic guard when it is the last one serving'
complete -c gennaker -n "__fish_gennaker_using_subcommand server-group; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c gennaker -n "__fish_gennaker_using_subcommand config; and not __fish_seen_subcommand_from show account help" -l output -d 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned tables for a person at a terminal'
plain\t'One line per item, stable for logs and grep'
json\t'JSON on stdout, nothing else'"
complete -c gennaker -n "__fish_gennaker_using_subcommand config; and not __fish_seen_subcommand_from show account help" -l color -d 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off' -r -f -a "auto\t'Colour when writing to a terminal that allows it'
always\t'Always colour'
never\t'Never colour'"
complete -c gennaker -n "__fish_gennaker_using_subcommand config; and not __fish_seen_subcommand_from show account help" -l config -d 'Read settings from this file instead of the default config file' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand config; and not __fish_seen_subcommand_from show account help" -l data-dir -d 'Keep executions and sandbox state in this directory' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand config; and not __fish_seen_subcommand_from show account help" -s v -l verbose -d 'Say more about what happens (repeat for more detail)'
complete -c gennaker -n "__fish_gennaker_using_subcommand config; and not __fish_seen_subcommand_from show account help" -s q -l quiet -d 'Print only results and errors'
complete -c gennaker -n "__fish_gennaker_using_subcommand config; and not __fish_seen_subcommand_from show account help" -l non-interactive -d 'Never prompt; implied when stdin is not a terminal or `CI` is set'
complete -c gennaker -n "__fish_gennaker_using_subcommand config; and not __fish_seen_subcommand_from show account help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gennaker -n "__fish_gennaker_using_subcommand config; and not __fish_seen_subcommand_from show account help" -f -a "show" -d 'Show the settings in effect: config file, data directory, and the config\'s values'
complete -c gennaker -n "__fish_gennaker_using_subcommand config; and not __fish_seen_subcommand_from show account help" -f -a "account" -d 'The accounts gennaker deploys to (Halyard-style)'
complete -c gennaker -n "__fish_gennaker_using_subcommand config; and not __fish_seen_subcommand_from show account help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c gennaker -n "__fish_gennaker_using_subcommand config; and __fish_seen_subcommand_from show" -l output -d 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned tables for a person at a terminal'
plain\t'One line per item, stable for logs and grep'
json\t'JSON on stdout, nothing else'"
complete -c gennaker -n "__fish_gennaker_using_subcommand config; and __fish_seen_subcommand_from show" -l color -d 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off' -r -f -a "auto\t'Colour when writing to a terminal that allows it'
always\t'Always colour'
never\t'Never colour'"
complete -c gennaker -n "__fish_gennaker_using_subcommand config; and __fish_seen_subcommand_from show" -l config -d 'Read settings from this file instead of the default config file' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand config; and __fish_seen_subcommand_from show" -l data-dir -d 'Keep executions and sandbox state in this directory' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand config; and __fish_seen_subcommand_from show" -s v -l verbose -d 'Say more about what happens (repeat for more detail)'
complete -c gennaker -n "__fish_gennaker_using_subcommand config; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only results and errors'
complete -c gennaker -n "__fish_gennaker_using_subcommand config; and __fish_seen_subcommand_from show" -l non-interactive -d 'Never prompt; implied when stdin is not a terminal or `CI` is set'
complete -c gennaker -n "__fish_gennaker_using_subcommand config; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gennaker -n "__fish_gennaker_using_subcommand config; and __fish_seen_subcommand_from account" -l output -d 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned tables for a person at a terminal'
plain\t'One line per item, stable for logs and grep'
json\t'JSON on stdout, nothing else'"
complete -c gennaker -n "__fish_gennaker_using_subcommand config; and __fish_seen_subcommand_from account" -l color -d 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off' -r -f -a "auto\t'Colour when writing to a terminal that allows it'
always\t'Always colour'
never\t'Never colour'"
complete -c gennaker -n "__fish_gennaker_using_subcommand config; and __fish_seen_subcommand_from account" -l config -d 'Read settings from this file instead of the default config file' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand config; and __fish_seen_subcommand_from account" -l data-dir -d 'Keep executions and sandbox state in this directory' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand config; and __fish_seen_subcommand_from account" -s v -l verbose -d 'Say more about what happens (repeat for more detail)'
complete -c gennaker -n "__fish_gennaker_using_subcommand config; and __fish_seen_subcommand_from account" -s q -l quiet -d 'Print only results and errors'
complete -c gennaker -n "__fish_gennaker_using_subcommand config; and __fish_seen_subcommand_from account" -l non-interactive -d 'Never prompt; implied when stdin is not a terminal or `CI` is set'
complete -c gennaker -n "__fish_gennaker_using_subcommand config; and __fish_seen_subcommand_from account" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gennaker -n "__fish_gennaker_using_subcommand config; and __fish_seen_subcommand_from account" -f -a "add" -d 'Add (or replace) an account; checks it can log in to each region first'
complete -c gennaker -n "__fish_gennaker_using_subcommand config; and __fish_seen_subcommand_from account" -f -a "list" -d 'List the accounts, the built-in sandbox ones included'
complete -c gennaker -n "__fish_gennaker_using_subcommand config; and __fish_seen_subcommand_from account" -f -a "show" -d 'Show one account\'s settings (secrets are never shown, only where they come from)'
complete -c gennaker -n "__fish_gennaker_using_subcommand config; and __fish_seen_subcommand_from account" -f -a "remove" -d 'Remove an account from the config file'
complete -c gennaker -n "__fish_gennaker_using_subcommand config; and __fish_seen_subcommand_from account" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c gennaker -n "__fish_gennaker_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show the settings in effect: config file, data directory, and the config\'s values'
complete -c gennaker -n "__fish_gennaker_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "account" -d 'The accounts gennaker deploys to (Halyard-style)'
complete -c gennaker -n "__fish_gennaker_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c gennaker -n "__fish_gennaker_using_subcommand completions" -l output -d 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned tables for a person at a terminal'
plain\t'One line per item, stable for logs and grep'
json\t'JSON on stdout, nothing else'"
complete -c gennaker -n "__fish_gennaker_using_subcommand completions" -l color -d 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off' -r -f -a "auto\t'Colour when writing to a terminal that allows it'
always\t'Always colour'
never\t'Never colour'"
complete -c gennaker -n "__fish_gennaker_using_subcommand completions" -l config -d 'Read settings from this file instead of the default config file' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand completions" -l data-dir -d 'Keep executions and sandbox state in this directory' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand completions" -s v -l verbose -d 'Say more about what happens (repeat for more detail)'
complete -c gennaker -n "__fish_gennaker_using_subcommand completions" -s q -l quiet -d 'Print only results and errors'
complete -c gennaker -n "__fish_gennaker_using_subcommand completions" -l non-interactive -d 'Never prompt; implied when stdin is not a terminal or `CI` is set'
complete -c gennaker -n "__fish_gennaker_using_subcommand completions" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gennaker -n "__fish_gennaker_using_subcommand man" -l out-dir -d 'Write one page per command into this directory instead of printing the main page' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand man" -l output -d 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned tables for a person at a terminal'
plain\t'One line per item, stable for logs and grep'
json\t'JSON on stdout, nothing else'"
complete -c gennaker -n "__fish_gennaker_using_subcommand man" -l color -d 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off' -r -f -a "auto\t'Colour when writing to a terminal that allows it'
always\t'Always colour'
never\t'Never colour'"
complete -c gennaker -n "__fish_gennaker_using_subcommand man" -l config -d 'Read settings from this file instead of the default config file' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand man" -l data-dir -d 'Keep executions and sandbox state in this directory' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand man" -s v -l verbose -d 'Say more about what happens (repeat for more detail)'
complete -c gennaker -n "__fish_gennaker_using_subcommand man" -s q -l quiet -d 'Print only results and errors'
complete -c gennaker -n "__fish_gennaker_using_subcommand man" -l non-interactive -d 'Never prompt; implied when stdin is not a terminal or `CI` is set'
complete -c gennaker -n "__fish_gennaker_using_subcommand man" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gennaker -n "__fish_gennaker_using_subcommand expr; and not __fish_seen_subcommand_from eval help" -l output -d 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned tables for a person at a terminal'
plain\t'One line per item, stable for logs and grep'
json\t'JSON on stdout, nothing else'"
complete -c gennaker -n "__fish_gennaker_using_subcommand expr; and not __fish_seen_subcommand_from eval help" -l color -d 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off' -r -f -a "auto\t'Colour when writing to a terminal that allows it'
always\t'Always colour'
never\t'Never colour'"
complete -c gennaker -n "__fish_gennaker_using_subcommand expr; and not __fish_seen_subcommand_from eval help" -l config -d 'Read settings from this file instead of the default config file' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand expr; and not __fish_seen_subcommand_from eval help" -l data-dir -d 'Keep executions and sandbox state in this directory' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand expr; and not __fish_seen_subcommand_from eval help" -s v -l verbose -d 'Say more about what happens (repeat for more detail)'
complete -c gennaker -n "__fish_gennaker_using_subcommand expr; and not __fish_seen_subcommand_from eval help" -s q -l quiet -d 'Print only results and errors'
complete -c gennaker -n "__fish_gennaker_using_subcommand expr; and not __fish_seen_subcommand_from eval help" -l non-interactive -d 'Never prompt; implied when stdin is not a terminal or `CI` is set'
complete -c gennaker -n "__fish_gennaker_using_subcommand expr; and not __fish_seen_subcommand_from eval help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gennaker -n "__fish_gennaker_using_subcommand expr; and not __fish_seen_subcommand_from eval help" -f -a "eval" -d 'Evaluate a pipeline expression as Spinnaker would and print the JSON result'
complete -c gennaker -n "__fish_gennaker_using_subcommand expr; and not __fish_seen_subcommand_from eval help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c gennaker -n "__fish_gennaker_using_subcommand expr; and __fish_seen_subcommand_from eval" -l context -d 'A JSON object whose keys are the root properties (`trigger`, `parameters`, `execution`…)' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand expr; and __fish_seen_subcommand_from eval" -l stage -d 'Build the root as Orca does for this stage (a `refId` or `id` of `execution.stages`)' -r
complete -c gennaker -n "__fish_gennaker_using_subcommand expr; and __fish_seen_subcommand_from eval" -l output -d 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned tables for a person at a terminal'
plain\t'One line per item, stable for logs and grep'
json\t'JSON on stdout, nothing else'"
complete -c gennaker -n "__fish_gennaker_using_subcommand expr; and __fish_seen_subcommand_from eval" -l color -d 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off' -r -f -a "auto\t'Colour when writing to a terminal that allows it'
always\t'Always colour'
never\t'Never colour'"
complete -c gennaker -n "__fish_gennaker_using_subcommand expr; and __fish_seen_subcommand_from eval" -l config -d 'Read settings from this file instead of the default config file' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand expr; and __fish_seen_subcommand_from eval" -l data-dir -d 'Keep executions and sandbox state in this directory' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand expr; and __fish_seen_subcommand_from eval" -l json -d 'Treat TEMPLATE as a JSON document, evaluated recursively as a stage context is'
complete -c gennaker -n "__fish_gennaker_using_subcommand expr; and __fish_seen_subcommand_from eval" -l jsonl -d 'Read `{"template": …, "context": {…}, "stage": "REF"}` lines from stdin and write one result line per input'
complete -c gennaker -n "__fish_gennaker_using_subcommand expr; and __fish_seen_subcommand_from eval" -l no-url-functions -d 'Refuse `#fromUrl`, `#jsonFromUrl`, `#yamlFromUrl` and `#propertiesFromUrl`'
complete -c gennaker -n "__fish_gennaker_using_subcommand expr; and __fish_seen_subcommand_from eval" -s v -l verbose -d 'Say more about what happens (repeat for more detail)'
complete -c gennaker -n "__fish_gennaker_using_subcommand expr; and __fish_seen_subcommand_from eval" -s q -l quiet -d 'Print only results and errors'
complete -c gennaker -n "__fish_gennaker_using_subcommand expr; and __fish_seen_subcommand_from eval" -l non-interactive -d 'Never prompt; implied when stdin is not a terminal or `CI` is set'
complete -c gennaker -n "__fish_gennaker_using_subcommand expr; and __fish_seen_subcommand_from eval" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gennaker -n "__fish_gennaker_using_subcommand expr; and __fish_seen_subcommand_from help" -f -a "eval" -d 'Evaluate a pipeline expression as Spinnaker would and print the JSON result'
complete -c gennaker -n "__fish_gennaker_using_subcommand expr; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and not __fish_seen_subcommand_from status reset fault start stop serve daemon help" -l output -d 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned tables for a person at a terminal'
plain\t'One line per item, stable for logs and grep'
json\t'JSON on stdout, nothing else'"
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and not __fish_seen_subcommand_from status reset fault start stop serve daemon help" -l color -d 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off' -r -f -a "auto\t'Colour when writing to a terminal that allows it'
always\t'Always colour'
never\t'Never colour'"
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and not __fish_seen_subcommand_from status reset fault start stop serve daemon help" -l config -d 'Read settings from this file instead of the default config file' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and not __fish_seen_subcommand_from status reset fault start stop serve daemon help" -l data-dir -d 'Keep executions and sandbox state in this directory' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and not __fish_seen_subcommand_from status reset fault start stop serve daemon help" -s v -l verbose -d 'Say more about what happens (repeat for more detail)'
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and not __fish_seen_subcommand_from status reset fault start stop serve daemon help" -s q -l quiet -d 'Print only results and errors'
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and not __fish_seen_subcommand_from status reset fault start stop serve daemon help" -l non-interactive -d 'Never prompt; implied when stdin is not a terminal or `CI` is set'
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and not __fish_seen_subcommand_from status reset fault start stop serve daemon help" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and not __fish_seen_subcommand_from status reset fault start stop serve daemon help" -f -a "status" -d 'What the sandbox accounts run: apps per account and region, and the faults set'
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and not __fish_seen_subcommand_from status reset fault start stop serve daemon help" -f -a "reset" -d 'Stop the sandbox and forget everything it ran, faults included'
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and not __fish_seen_subcommand_from status reset fault start stop serve daemon help" -f -a "fault" -d 'Make a sandbox region misbehave (crash-loop, start slowly, fail health, answer errors)'
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and not __fish_seen_subcommand_from status reset fault start stop serve daemon help" -f -a "start" -d 'Start the shared sandbox in the background (if it is not running) and print its URLs'
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and not __fish_seen_subcommand_from status reset fault start stop serve daemon help" -f -a "stop" -d 'Stop the shared sandbox, keeping its state for next time'
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and not __fish_seen_subcommand_from status reset fault start stop serve daemon help" -f -a "serve" -d 'Run the simulators standalone until interrupted'
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and not __fish_seen_subcommand_from status reset fault start stop serve daemon help" -f -a "daemon" -d 'The background sandbox process that `gennaker` starts on demand (not for people)'
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and not __fish_seen_subcommand_from status reset fault start stop serve daemon help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from status" -l output -d 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned tables for a person at a terminal'
plain\t'One line per item, stable for logs and grep'
json\t'JSON on stdout, nothing else'"
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from status" -l color -d 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off' -r -f -a "auto\t'Colour when writing to a terminal that allows it'
always\t'Always colour'
never\t'Never colour'"
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from status" -l config -d 'Read settings from this file instead of the default config file' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from status" -l data-dir -d 'Keep executions and sandbox state in this directory' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from status" -s v -l verbose -d 'Say more about what happens (repeat for more detail)'
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from status" -s q -l quiet -d 'Print only results and errors'
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from status" -l non-interactive -d 'Never prompt; implied when stdin is not a terminal or `CI` is set'
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from status" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l output -d 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned tables for a person at a terminal'
plain\t'One line per item, stable for logs and grep'
json\t'JSON on stdout, nothing else'"
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l color -d 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off' -r -f -a "auto\t'Colour when writing to a terminal that allows it'
always\t'Always colour'
never\t'Never colour'"
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l config -d 'Read settings from this file instead of the default config file' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l data-dir -d 'Keep executions and sandbox state in this directory' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -s v -l verbose -d 'Say more about what happens (repeat for more detail)'
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -s q -l quiet -d 'Print only results and errors'
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -l non-interactive -d 'Never prompt; implied when stdin is not a terminal or `CI` is set'
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from reset" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from fault" -l output -d 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned tables for a person at a terminal'
plain\t'One line per item, stable for logs and grep'
json\t'JSON on stdout, nothing else'"
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from fault" -l color -d 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off' -r -f -a "auto\t'Colour when writing to a terminal that allows it'
always\t'Always colour'
never\t'Never colour'"
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from fault" -l config -d 'Read settings from this file instead of the default config file' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from fault" -l data-dir -d 'Keep executions and sandbox state in this directory' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from fault" -s v -l verbose -d 'Say more about what happens (repeat for more detail)'
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from fault" -s q -l quiet -d 'Print only results and errors'
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from fault" -l non-interactive -d 'Never prompt; implied when stdin is not a terminal or `CI` is set'
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from fault" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from start" -l output -d 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned tables for a person at a terminal'
plain\t'One line per item, stable for logs and grep'
json\t'JSON on stdout, nothing else'"
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from start" -l color -d 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off' -r -f -a "auto\t'Colour when writing to a terminal that allows it'
always\t'Always colour'
never\t'Never colour'"
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from start" -l config -d 'Read settings from this file instead of the default config file' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from start" -l data-dir -d 'Keep executions and sandbox state in this directory' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from start" -s v -l verbose -d 'Say more about what happens (repeat for more detail)'
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from start" -s q -l quiet -d 'Print only results and errors'
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from start" -l non-interactive -d 'Never prompt; implied when stdin is not a terminal or `CI` is set'
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from start" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from stop" -l output -d 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned tables for a person at a terminal'
plain\t'One line per item, stable for logs and grep'
json\t'JSON on stdout, nothing else'"
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from stop" -l color -d 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off' -r -f -a "auto\t'Colour when writing to a terminal that allows it'
always\t'Always colour'
never\t'Never colour'"
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from stop" -l config -d 'Read settings from this file instead of the default config file' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from stop" -l data-dir -d 'Keep executions and sandbox state in this directory' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from stop" -s v -l verbose -d 'Say more about what happens (repeat for more detail)'
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from stop" -s q -l quiet -d 'Print only results and errors'
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from stop" -l non-interactive -d 'Never prompt; implied when stdin is not a terminal or `CI` is set'
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from stop" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l regions -d 'The regions to simulate, one DC/OS cluster each' -r
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l output -d 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned tables for a person at a terminal'
plain\t'One line per item, stable for logs and grep'
json\t'JSON on stdout, nothing else'"
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l color -d 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off' -r -f -a "auto\t'Colour when writing to a terminal that allows it'
always\t'Always colour'
never\t'Never colour'"
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l config -d 'Read settings from this file instead of the default config file' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l data-dir -d 'Keep executions and sandbox state in this directory' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l persist -d 'Serve (and save) the sandbox state of the data directory, as the background sandbox does'
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -s v -l verbose -d 'Say more about what happens (repeat for more detail)'
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -s q -l quiet -d 'Print only results and errors'
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -l non-interactive -d 'Never prompt; implied when stdin is not a terminal or `CI` is set'
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from serve" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from daemon" -l idle-exit -d 'Stop after this many seconds without any request (and no gennaker process using it)' -r
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from daemon" -l output -d 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]' -r -f -a "table\t'Aligned tables for a person at a terminal'
plain\t'One line per item, stable for logs and grep'
json\t'JSON on stdout, nothing else'"
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from daemon" -l color -d 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off' -r -f -a "auto\t'Colour when writing to a terminal that allows it'
always\t'Always colour'
never\t'Never colour'"
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from daemon" -l config -d 'Read settings from this file instead of the default config file' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from daemon" -l data-dir -d 'Keep executions and sandbox state in this directory' -r -F
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from daemon" -s v -l verbose -d 'Say more about what happens (repeat for more detail)'
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from daemon" -s q -l quiet -d 'Print only results and errors'
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from daemon" -l non-interactive -d 'Never prompt; implied when stdin is not a terminal or `CI` is set'
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from daemon" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "status" -d 'What the sandbox accounts run: apps per account and region, and the faults set'
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "reset" -d 'Stop the sandbox and forget everything it ran, faults included'
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "fault" -d 'Make a sandbox region misbehave (crash-loop, start slowly, fail health, answer errors)'
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "start" -d 'Start the shared sandbox in the background (if it is not running) and print its URLs'
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "stop" -d 'Stop the shared sandbox, keeping its state for next time'
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "serve" -d 'Run the simulators standalone until interrupted'
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "daemon" -d 'The background sandbox process that `gennaker` starts on demand (not for people)'
complete -c gennaker -n "__fish_gennaker_using_subcommand sandbox; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c gennaker -n "__fish_gennaker_using_subcommand help; and not __fish_seen_subcommand_from run judge executions validate plan clusters server-group config completions man expr sandbox help" -f -a "run" -d 'Run a pipeline: stages in order, parallel branches at once, judgments answered as they come'
complete -c gennaker -n "__fish_gennaker_using_subcommand help; and not __fish_seen_subcommand_from run judge executions validate plan clusters server-group config completions man expr sandbox help" -f -a "judge" -d 'Answer a manual judgment of an execution running in another shell or CI step'
complete -c gennaker -n "__fish_gennaker_using_subcommand help; and not __fish_seen_subcommand_from run judge executions validate plan clusters server-group config completions man expr sandbox help" -f -a "executions" -d 'Executions kept on disk: list, show, cancel, resume'
complete -c gennaker -n "__fish_gennaker_using_subcommand help; and not __fish_seen_subcommand_from run judge executions validate plan clusters server-group config completions man expr sandbox help" -f -a "validate" -d 'Check pipeline files and report every problem, located, before anything runs'
complete -c gennaker -n "__fish_gennaker_using_subcommand help; and not __fish_seen_subcommand_from run judge executions validate plan clusters server-group config completions man expr sandbox help" -f -a "plan" -d 'Show what a pipeline would do: stages in order, parallel waves and their conditions'
complete -c gennaker -n "__fish_gennaker_using_subcommand help; and not __fish_seen_subcommand_from run judge executions validate plan clusters server-group config completions man expr sandbox help" -f -a "clusters" -d 'The global view: every server group of an application, over every account and region'
complete -c gennaker -n "__fish_gennaker_using_subcommand help; and not __fish_seen_subcommand_from run judge executions validate plan clusters server-group config completions man expr sandbox help" -f -a "server-group" -d 'One-off server group operations, through the same safety rails as the stages'
complete -c gennaker -n "__fish_gennaker_using_subcommand help; and not __fish_seen_subcommand_from run judge executions validate plan clusters server-group config completions man expr sandbox help" -f -a "config" -d 'gennaker\'s own settings and the accounts it deploys to'
complete -c gennaker -n "__fish_gennaker_using_subcommand help; and not __fish_seen_subcommand_from run judge executions validate plan clusters server-group config completions man expr sandbox help" -f -a "completions" -d 'Print a shell completion script'
complete -c gennaker -n "__fish_gennaker_using_subcommand help; and not __fish_seen_subcommand_from run judge executions validate plan clusters server-group config completions man expr sandbox help" -f -a "man" -d 'Print the man pages (roff), one per command'
complete -c gennaker -n "__fish_gennaker_using_subcommand help; and not __fish_seen_subcommand_from run judge executions validate plan clusters server-group config completions man expr sandbox help" -f -a "expr" -d 'Pipeline expressions (`${…}`)'
complete -c gennaker -n "__fish_gennaker_using_subcommand help; and not __fish_seen_subcommand_from run judge executions validate plan clusters server-group config completions man expr sandbox help" -f -a "sandbox" -d 'Local simulated clouds to rehearse pipelines against'
complete -c gennaker -n "__fish_gennaker_using_subcommand help; and not __fish_seen_subcommand_from run judge executions validate plan clusters server-group config completions man expr sandbox help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c gennaker -n "__fish_gennaker_using_subcommand help; and __fish_seen_subcommand_from executions" -f -a "list" -d 'List executions, newest first'
complete -c gennaker -n "__fish_gennaker_using_subcommand help; and __fish_seen_subcommand_from executions" -f -a "show" -d 'Show one execution: its stages, or the whole document with `--output json`'
complete -c gennaker -n "__fish_gennaker_using_subcommand help; and __fish_seen_subcommand_from executions" -f -a "cancel" -d 'Cancel an execution running in another shell'
complete -c gennaker -n "__fish_gennaker_using_subcommand help; and __fish_seen_subcommand_from executions" -f -a "resume" -d 'Continue an execution whose process died (killed, crashed, machine restarted) without redoing finished work'
complete -c gennaker -n "__fish_gennaker_using_subcommand help; and __fish_seen_subcommand_from server-group" -f -a "show" -d 'Show one server group: capacity, instances, image, load balancers'
complete -c gennaker -n "__fish_gennaker_using_subcommand help; and __fish_seen_subcommand_from server-group" -f -a "resize" -d 'Change a server group\'s size; refused by a traffic guard when it would leave its cluster with no instances up'
complete -c gennaker -n "__fish_gennaker_using_subcommand help; and __fish_seen_subcommand_from server-group" -f -a "enable" -d 'Put a disabled server group back into service'
complete -c gennaker -n "__fish_gennaker_using_subcommand help; and __fish_seen_subcommand_from server-group" -f -a "disable" -d 'Take a server group out of service (kept, so it can be enabled again); refused by a traffic guard when it is the last one serving'
complete -c gennaker -n "__fish_gennaker_using_subcommand help; and __fish_seen_subcommand_from server-group" -f -a "destroy" -d 'Delete a server group (disabled first); refused by a traffic guard when it is the last one serving'
complete -c gennaker -n "__fish_gennaker_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "show" -d 'Show the settings in effect: config file, data directory, and the config\'s values'
complete -c gennaker -n "__fish_gennaker_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "account" -d 'The accounts gennaker deploys to (Halyard-style)'
complete -c gennaker -n "__fish_gennaker_using_subcommand help; and __fish_seen_subcommand_from expr" -f -a "eval" -d 'Evaluate a pipeline expression as Spinnaker would and print the JSON result'
complete -c gennaker -n "__fish_gennaker_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "status" -d 'What the sandbox accounts run: apps per account and region, and the faults set'
complete -c gennaker -n "__fish_gennaker_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "reset" -d 'Stop the sandbox and forget everything it ran, faults included'
complete -c gennaker -n "__fish_gennaker_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "fault" -d 'Make a sandbox region misbehave (crash-loop, start slowly, fail health, answer errors)'
complete -c gennaker -n "__fish_gennaker_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "start" -d 'Start the shared sandbox in the background (if it is not running) and print its URLs'
complete -c gennaker -n "__fish_gennaker_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "stop" -d 'Stop the shared sandbox, keeping its state for next time'
complete -c gennaker -n "__fish_gennaker_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "serve" -d 'Run the simulators standalone until interrupted'
complete -c gennaker -n "__fish_gennaker_using_subcommand help; and __fish_seen_subcommand_from sandbox" -f -a "daemon" -d 'The background sandbox process that `gennaker` starts on demand (not for people)'
