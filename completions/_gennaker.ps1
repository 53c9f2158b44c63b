
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'gennaker' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'gennaker'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'gennaker' {
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of the default config file')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Keep executions and sandbox state in this directory')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; implied when stdin is not a terminal or `CI` is set')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a pipeline: stages in order, parallel branches at once, judgments answered as they come')
            [CompletionResult]::new('judge', 'judge', [CompletionResultType]::ParameterValue, 'Answer a manual judgment of an execution running in another shell or CI step')
            [CompletionResult]::new('executions', 'executions', [CompletionResultType]::ParameterValue, 'Executions kept on disk: list, show, cancel, resume')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check pipeline files and report every problem, located, before anything runs')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Show what a pipeline would do: stages in order, parallel waves and their conditions')
            [CompletionResult]::new('clusters', 'clusters', [CompletionResultType]::ParameterValue, 'The global view: every server group of an application, over every account and region')
            [CompletionResult]::new('server-group', 'server-group', [CompletionResultType]::ParameterValue, 'One-off server group operations, through the same safety rails as the stages')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'gennaker''s own settings and the accounts it deploys to')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man pages (roff), one per command')
            [CompletionResult]::new('expr', 'expr', [CompletionResultType]::ParameterValue, 'Pipeline expressions (`${…}`)')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'Local simulated clouds to rehearse pipelines against')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'gennaker;run' {
            [CompletionResult]::new('--pipeline', '--pipeline', [CompletionResultType]::ParameterName, 'Pick the pipeline with this name from a file holding several')
            [CompletionResult]::new('--pipeline-id', '--pipeline-id', [CompletionResultType]::ParameterName, 'Pick the pipeline with this id from a file holding several')
            [CompletionResult]::new('--param', '--param', [CompletionResultType]::ParameterName, 'Set a pipeline parameter (repeatable); overrides `--params-file` and defaults')
            [CompletionResult]::new('--params-file', '--params-file', [CompletionResultType]::ParameterName, 'Read parameters from a JSON object')
            [CompletionResult]::new('--trigger', '--trigger', [CompletionResultType]::ParameterName, 'Use this trigger (a JSON object shaped as Spinnaker''s execution trigger) instead of a manual one; a CI step passes what triggered it: docker tag, build, webhook payload')
            [CompletionResult]::new('--judgment', '--judgment', [CompletionResultType]::ParameterName, 'Answer a manual judgment in advance (repeatable): `STAGE NAME=continue`, `STAGE NAME=continue:INPUT` or `STAGE NAME=stop`')
            [CompletionResult]::new('--map', '--map', [CompletionResultType]::ParameterName, 'With --rehearse: the sandbox account (`sandbox-dcos`, `sandbox-cf`) an account stands in for (repeatable); by default the one of the account''s provider')
            [CompletionResult]::new('--fault', '--fault', [CompletionResultType]::ParameterName, 'With --rehearse: a sandbox fault for this rehearsal only (repeatable): `KIND` on every DC/OS region of the pipeline or `REGION=KIND` on one; KIND as `gennaker sandbox fault` (`crashloop`, `unhealthy`, `slow-start=SECONDS`, `http-5xx=RATE`, …)')
            [CompletionResult]::new('--pipelines-dir', '--pipelines-dir', [CompletionResultType]::ParameterName, 'Also look for the pipelines of `pipeline` stages (and `#pipelineId`) in this directory (repeatable); the pipeline''s own file and directory are always searched')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of the default config file')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Keep executions and sandbox state in this directory')
            [CompletionResult]::new('--no-wait-for-judgment', '--no-wait-for-judgment', [CompletionResultType]::ParameterName, 'Fail at once (exit 3) when a manual judgment has no answer, instead of waiting for `gennaker judge`; implied when `CI` is set')
            [CompletionResult]::new('--skip-windows', '--skip-windows', [CompletionResultType]::ParameterName, 'Ignore execution windows: stages restricted to a time window start at once')
            [CompletionResult]::new('--wait', '--wait', [CompletionResultType]::ParameterName, 'When another execution of this pipeline runs (`limitConcurrent`), queue behind it instead of failing; with `keepWaitingPipelines: false` only the newest queued run starts')
            [CompletionResult]::new('--rehearse', '--rehearse', [CompletionResultType]::ParameterName, 'Rehearse: run the pipeline against the built-in sandbox instead of its real accounts; each account stands in for a sandbox account of its provider, and the end of the run lists the conditional branches no rehearsal of this pipeline has exercised yet')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; implied when stdin is not a terminal or `CI` is set')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gennaker;judge' {
            [CompletionResult]::new('--stage', '--stage', [CompletionResultType]::ParameterName, 'The manual judgment stage, by name')
            [CompletionResult]::new('--input', '--input', [CompletionResultType]::ParameterName, 'The judgment input to record (one of the stage''s `judgmentInputs`)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of the default config file')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Keep executions and sandbox state in this directory')
            [CompletionResult]::new('--continue', '--continue', [CompletionResultType]::ParameterName, 'Let the pipeline go on')
            [CompletionResult]::new('--stop', '--stop', [CompletionResultType]::ParameterName, 'Stop the pipeline')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; implied when stdin is not a terminal or `CI` is set')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gennaker;executions' {
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of the default config file')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Keep executions and sandbox state in this directory')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; implied when stdin is not a terminal or `CI` is set')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List executions, newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one execution: its stages, or the whole document with `--output json`')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Cancel an execution running in another shell')
            [CompletionResult]::new('resume', 'resume', [CompletionResultType]::ParameterValue, 'Continue an execution whose process died (killed, crashed, machine restarted) without redoing finished work')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'gennaker;executions;list' {
            [CompletionResult]::new('--pipeline', '--pipeline', [CompletionResultType]::ParameterName, 'Only executions of this pipeline (by name)')
            [CompletionResult]::new('--status', '--status', [CompletionResultType]::ParameterName, 'Only executions with this status (e.g. `SUCCEEDED`, `TERMINAL`, `RUNNING`)')
            [CompletionResult]::new('--since', '--since', [CompletionResultType]::ParameterName, 'Only executions started within this long, e.g. `30m`, `2h`, `7d`')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of the default config file')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Keep executions and sandbox state in this directory')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; implied when stdin is not a terminal or `CI` is set')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gennaker;executions;show' {
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of the default config file')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Keep executions and sandbox state in this directory')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; implied when stdin is not a terminal or `CI` is set')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gennaker;executions;cancel' {
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of the default config file')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Keep executions and sandbox state in this directory')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; implied when stdin is not a terminal or `CI` is set')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gennaker;executions;resume' {
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of the default config file')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Keep executions and sandbox state in this directory')
            [CompletionResult]::new('--no-wait-for-judgment', '--no-wait-for-judgment', [CompletionResultType]::ParameterName, 'Fail at once (exit 3) when a manual judgment has no answer, instead of waiting for `gennaker judge`; implied when `CI` is set')
            [CompletionResult]::new('--skip-windows', '--skip-windows', [CompletionResultType]::ParameterName, 'Ignore execution windows: stages restricted to a time window start at once')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; implied when stdin is not a terminal or `CI` is set')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gennaker;executions;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List executions, newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one execution: its stages, or the whole document with `--output json`')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Cancel an execution running in another shell')
            [CompletionResult]::new('resume', 'resume', [CompletionResultType]::ParameterValue, 'Continue an execution whose process died (killed, crashed, machine restarted) without redoing finished work')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'gennaker;executions;help;list' {
            break
        }
        'gennaker;executions;help;show' {
            break
        }
        'gennaker;executions;help;cancel' {
            break
        }
        'gennaker;executions;help;resume' {
            break
        }
        'gennaker;executions;help;help' {
            break
        }
        'gennaker;validate' {
            [CompletionResult]::new('--pipeline', '--pipeline', [CompletionResultType]::ParameterName, 'Pick the pipeline with this name from a file holding several')
            [CompletionResult]::new('--pipeline-id', '--pipeline-id', [CompletionResultType]::ParameterName, 'Pick the pipeline with this id from a file holding several')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of the default config file')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Keep executions and sandbox state in this directory')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; implied when stdin is not a terminal or `CI` is set')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gennaker;plan' {
            [CompletionResult]::new('--pipeline', '--pipeline', [CompletionResultType]::ParameterName, 'Pick the pipeline with this name from a file holding several')
            [CompletionResult]::new('--pipeline-id', '--pipeline-id', [CompletionResultType]::ParameterName, 'Pick the pipeline with this id from a file holding several')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of the default config file')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Keep executions and sandbox state in this directory')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; implied when stdin is not a terminal or `CI` is set')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gennaker;clusters' {
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'Only this account (repeatable); every configured account by default')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of the default config file')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Keep executions and sandbox state in this directory')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; implied when stdin is not a terminal or `CI` is set')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gennaker;server-group' {
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of the default config file')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Keep executions and sandbox state in this directory')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; implied when stdin is not a terminal or `CI` is set')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one server group: capacity, instances, image, load balancers')
            [CompletionResult]::new('resize', 'resize', [CompletionResultType]::ParameterValue, 'Change a server group''s size; refused by a traffic guard when it would leave its cluster with no instances up')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Put a disabled server group back into service')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Take a server group out of service (kept, so it can be enabled again); refused by a traffic guard when it is the last one serving')
            [CompletionResult]::new('destroy', 'destroy', [CompletionResultType]::ParameterValue, 'Delete a server group (disabled first); refused by a traffic guard when it is the last one serving')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'gennaker;server-group;show' {
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'The account it is in')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The region it is in (DC/OS cluster, or CF `org > space`)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of the default config file')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Keep executions and sandbox state in this directory')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Return once the change is accepted, without waiting for it to finish')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; implied when stdin is not a terminal or `CI` is set')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gennaker;server-group;resize' {
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'The account it is in')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The region it is in (DC/OS cluster, or CF `org > space`)')
            [CompletionResult]::new('--desired', '--desired', [CompletionResultType]::ParameterName, 'The number of instances wanted')
            [CompletionResult]::new('--min', '--min', [CompletionResultType]::ParameterName, 'The fewest instances [default: the desired number]')
            [CompletionResult]::new('--max', '--max', [CompletionResultType]::ParameterName, 'The most instances [default: the desired number]')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of the default config file')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Keep executions and sandbox state in this directory')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Return once the change is accepted, without waiting for it to finish')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; implied when stdin is not a terminal or `CI` is set')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gennaker;server-group;enable' {
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'The account it is in')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The region it is in (DC/OS cluster, or CF `org > space`)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of the default config file')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Keep executions and sandbox state in this directory')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Return once the change is accepted, without waiting for it to finish')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; implied when stdin is not a terminal or `CI` is set')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gennaker;server-group;disable' {
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'The account it is in')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The region it is in (DC/OS cluster, or CF `org > space`)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of the default config file')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Keep executions and sandbox state in this directory')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Return once the change is accepted, without waiting for it to finish')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; implied when stdin is not a terminal or `CI` is set')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gennaker;server-group;destroy' {
            [CompletionResult]::new('--account', '--account', [CompletionResultType]::ParameterName, 'The account it is in')
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'The region it is in (DC/OS cluster, or CF `org > space`)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of the default config file')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Keep executions and sandbox state in this directory')
            [CompletionResult]::new('--no-wait', '--no-wait', [CompletionResultType]::ParameterName, 'Return once the change is accepted, without waiting for it to finish')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask for confirmation at a terminal')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask for confirmation at a terminal')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; implied when stdin is not a terminal or `CI` is set')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gennaker;server-group;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one server group: capacity, instances, image, load balancers')
            [CompletionResult]::new('resize', 'resize', [CompletionResultType]::ParameterValue, 'Change a server group''s size; refused by a traffic guard when it would leave its cluster with no instances up')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Put a disabled server group back into service')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Take a server group out of service (kept, so it can be enabled again); refused by a traffic guard when it is the last one serving')
            [CompletionResult]::new('destroy', 'destroy', [CompletionResultType]::ParameterValue, 'Delete a server group (disabled first); refused by a traffic guard when it is the last one serving')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'gennaker;server-group;help;show' {
            break
        }
        'gennaker;server-group;help;resize' {
            break
        }
        'gennaker;server-group;help;enable' {
            break
        }
        'gennaker;server-group;help;disable' {
            break
        }
        'gennaker;server-group;help;destroy' {
            break
        }
        'gennaker;server-group;help;help' {
            break
        }
        'gennaker;config' {
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of the default config file')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Keep executions and sandbox state in this directory')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; implied when stdin is not a terminal or `CI` is set')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the settings in effect: config file, data directory, and the config''s values')
            [CompletionResult]::new('account', 'account', [CompletionResultType]::ParameterValue, 'The accounts gennaker deploys to (Halyard-style)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'gennaker;config;show' {
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of the default config file')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Keep executions and sandbox state in this directory')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; implied when stdin is not a terminal or `CI` is set')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gennaker;config;account' {
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of the default config file')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Keep executions and sandbox state in this directory')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; implied when stdin is not a terminal or `CI` is set')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add (or replace) an account; checks it can log in to each region first')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the accounts, the built-in sandbox ones included')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one account''s settings (secrets are never shown, only where they come from)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove an account from the config file')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'gennaker;config;account;add' {
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of the default config file')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Keep executions and sandbox state in this directory')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; implied when stdin is not a terminal or `CI` is set')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('dcos', 'dcos', [CompletionResultType]::ParameterValue, 'A DC/OS account: one DC/OS cluster per region (Marathon and Metronome behind its admin router)')
            [CompletionResult]::new('cloudfoundry', 'cloudfoundry', [CompletionResultType]::ParameterValue, 'A Cloud Foundry account: one foundation (Cloud Controller v3 and its UAA)')
            [CompletionResult]::new('cf', 'cf', [CompletionResultType]::ParameterValue, 'A Cloud Foundry account: one foundation (Cloud Controller v3 and its UAA)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'gennaker;config;account;add;dcos' {
            [CompletionResult]::new('--region', '--region', [CompletionResultType]::ParameterName, 'A region and its DC/OS cluster''s URL (repeatable), e.g. `us-east-1=https://dcos-east.example.com`')
            [CompletionResult]::new('--uid', '--uid', [CompletionResultType]::ParameterName, 'The user or service account to log in as')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password (or client secret) from this environment variable at every run; nothing secret is stored')
            [CompletionResult]::new('--password-command', '--password-command', [CompletionResultType]::ParameterName, 'Run this command at every run and use the first line it prints (e.g. `pass show dcos`); nothing secret is stored')
            [CompletionResult]::new('--service-key-file', '--service-key-file', [CompletionResultType]::ParameterName, 'Log in as the service account `--uid` with this private key (PEM, RS256) instead of a password')
            [CompletionResult]::new('--token-env', '--token-env', [CompletionResultType]::ParameterName, 'Use the ACS token in this environment variable instead of logging in')
            [CompletionResult]::new('--ca-cert', '--ca-cert', [CompletionResultType]::ParameterName, 'Trust the certificate authorities in this PEM file')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of the default config file')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Keep executions and sandbox state in this directory')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from standard input and store it in the config file (mode 0600)')
            [CompletionResult]::new('--insecure', '--insecure', [CompletionResultType]::ParameterName, 'Accept any TLS certificate (only for clusters you trust by other means)')
            [CompletionResult]::new('--no-validate', '--no-validate', [CompletionResultType]::ParameterName, 'Save without checking that each cluster can be reached and logged in to')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; implied when stdin is not a terminal or `CI` is set')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gennaker;config;account;add;cloudfoundry' {
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'The Cloud Controller''s URL, e.g. `https://api.sys.example.com`')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to log in as')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'The UAA client to log in as (client credentials); its secret comes from --password-env/--password-command/--password-stdin or the prompt')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password (or client secret) from this environment variable at every run; nothing secret is stored')
            [CompletionResult]::new('--password-command', '--password-command', [CompletionResultType]::ParameterName, 'Run this command at every run and use the first line it prints (e.g. `pass show dcos`); nothing secret is stored')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of the default config file')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Keep executions and sandbox state in this directory')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from standard input and store it in the config file (mode 0600)')
            [CompletionResult]::new('--from-cf-cli', '--from-cf-cli', [CompletionResultType]::ParameterName, 'Use the access and refresh tokens the cf CLI saved')
            [CompletionResult]::new('--skip-ssl-validation', '--skip-ssl-validation', [CompletionResultType]::ParameterName, 'Accept any TLS certificate (only for foundations you trust by other means)')
            [CompletionResult]::new('--no-validate', '--no-validate', [CompletionResultType]::ParameterName, 'Save without checking the login')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; implied when stdin is not a terminal or `CI` is set')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gennaker;config;account;add;cf' {
            [CompletionResult]::new('--api', '--api', [CompletionResultType]::ParameterName, 'The Cloud Controller''s URL, e.g. `https://api.sys.example.com`')
            [CompletionResult]::new('--user', '--user', [CompletionResultType]::ParameterName, 'The user to log in as')
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'The UAA client to log in as (client credentials); its secret comes from --password-env/--password-command/--password-stdin or the prompt')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the password (or client secret) from this environment variable at every run; nothing secret is stored')
            [CompletionResult]::new('--password-command', '--password-command', [CompletionResultType]::ParameterName, 'Run this command at every run and use the first line it prints (e.g. `pass show dcos`); nothing secret is stored')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of the default config file')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Keep executions and sandbox state in this directory')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the password from standard input and store it in the config file (mode 0600)')
            [CompletionResult]::new('--from-cf-cli', '--from-cf-cli', [CompletionResultType]::ParameterName, 'Use the access and refresh tokens the cf CLI saved')
            [CompletionResult]::new('--skip-ssl-validation', '--skip-ssl-validation', [CompletionResultType]::ParameterName, 'Accept any TLS certificate (only for foundations you trust by other means)')
            [CompletionResult]::new('--no-validate', '--no-validate', [CompletionResultType]::ParameterName, 'Save without checking the login')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; implied when stdin is not a terminal or `CI` is set')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gennaker;config;account;add;help' {
            [CompletionResult]::new('dcos', 'dcos', [CompletionResultType]::ParameterValue, 'A DC/OS account: one DC/OS cluster per region (Marathon and Metronome behind its admin router)')
            [CompletionResult]::new('cloudfoundry', 'cloudfoundry', [CompletionResultType]::ParameterValue, 'A Cloud Foundry account: one foundation (Cloud Controller v3 and its UAA)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'gennaker;config;account;add;help;dcos' {
            break
        }
        'gennaker;config;account;add;help;cloudfoundry' {
            break
        }
        'gennaker;config;account;add;help;help' {
            break
        }
        'gennaker;config;account;list' {
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of the default config file')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Keep executions and sandbox state in this directory')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; implied when stdin is not a terminal or `CI` is set')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gennaker;config;account;show' {
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of the default config file')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Keep executions and sandbox state in this directory')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; implied when stdin is not a terminal or `CI` is set')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gennaker;config;account;remove' {
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of the default config file')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Keep executions and sandbox state in this directory')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; implied when stdin is not a terminal or `CI` is set')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gennaker;config;account;help' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add (or replace) an account; checks it can log in to each region first')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the accounts, the built-in sandbox ones included')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one account''s settings (secrets are never shown, only where they come from)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove an account from the config file')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'gennaker;config;account;help;add' {
            [CompletionResult]::new('dcos', 'dcos', [CompletionResultType]::ParameterValue, 'A DC/OS account: one DC/OS cluster per region (Marathon and Metronome behind its admin router)')
            [CompletionResult]::new('cloudfoundry', 'cloudfoundry', [CompletionResultType]::ParameterValue, 'A Cloud Foundry account: one foundation (Cloud Controller v3 and its UAA)')
            break
        }
        'gennaker;config;account;help;add;dcos' {
            break
        }
        'gennaker;config;account;help;add;cloudfoundry' {
            break
        }
        'gennaker;config;account;help;list' {
            break
        }
        'gennaker;config;account;help;show' {
            break
        }
        'gennaker;config;account;help;remove' {
            break
        }
        'gennaker;config;account;help;help' {
            break
        }
        'gennaker;config;help' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the settings in effect: config file, data directory, and the config''s values')
            [CompletionResult]::new('account', 'account', [CompletionResultType]::ParameterValue, 'The accounts gennaker deploys to (Halyard-style)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'gennaker;config;help;show' {
            break
        }
        'gennaker;config;help;account' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add (or replace) an account; checks it can log in to each region first')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the accounts, the built-in sandbox ones included')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one account''s settings (secrets are never shown, only where they come from)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove an account from the config file')
            break
        }
        'gennaker;config;help;account;add' {
            [CompletionResult]::new('dcos', 'dcos', [CompletionResultType]::ParameterValue, 'A DC/OS account: one DC/OS cluster per region (Marathon and Metronome behind its admin router)')
            [CompletionResult]::new('cloudfoundry', 'cloudfoundry', [CompletionResultType]::ParameterValue, 'A Cloud Foundry account: one foundation (Cloud Controller v3 and its UAA)')
            break
        }
        'gennaker;config;help;account;add;dcos' {
            break
        }
        'gennaker;config;help;account;add;cloudfoundry' {
            break
        }
        'gennaker;config;help;account;list' {
            break
        }
        'gennaker;config;help;account;show' {
            break
        }
        'gennaker;config;help;account;remove' {
            break
        }
        'gennaker;config;help;help' {
            break
        }
        'gennaker;completions' {
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of the default config file')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Keep executions and sandbox state in this directory')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; implied when stdin is not a terminal or `CI` is set')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gennaker;man' {
            [CompletionResult]::new('--out-dir', '--out-dir', [CompletionResultType]::ParameterName, 'Write one page per command into this directory instead of printing the main page')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of the default config file')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Keep executions and sandbox state in this directory')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; implied when stdin is not a terminal or `CI` is set')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gennaker;expr' {
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of the default config file')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Keep executions and sandbox state in this directory')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; implied when stdin is not a terminal or `CI` is set')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('eval', 'eval', [CompletionResultType]::ParameterValue, 'Evaluate a pipeline expression as Spinnaker would and print the JSON result')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'gennaker;expr;eval' {
            [CompletionResult]::new('--context', '--context', [CompletionResultType]::ParameterName, 'A JSON object whose keys are the root properties (`trigger`, `parameters`, `execution`…)')
            [CompletionResult]::new('--stage', '--stage', [CompletionResultType]::ParameterName, 'Build the root as Orca does for this stage (a `refId` or `id` of `execution.stages`)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of the default config file')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Keep executions and sandbox state in this directory')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Treat TEMPLATE as a JSON document, evaluated recursively as a stage context is')
            [CompletionResult]::new('--jsonl', '--jsonl', [CompletionResultType]::ParameterName, 'Read `{"template": …, "context": {…}, "stage": "REF"}` lines from stdin and write one result line per input')
            [CompletionResult]::new('--no-url-functions', '--no-url-functions', [CompletionResultType]::ParameterName, 'Refuse `#fromUrl`, `#jsonFromUrl`, `#yamlFromUrl` and `#propertiesFromUrl`')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; implied when stdin is not a terminal or `CI` is set')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gennaker;expr;help' {
            [CompletionResult]::new('eval', 'eval', [CompletionResultType]::ParameterValue, 'Evaluate a pipeline expression as Spinnaker would and print the JSON result')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'gennaker;expr;help;eval' {
            break
        }
        'gennaker;expr;help;help' {
            break
        }
        'gennaker;sandbox' {
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of the default config file')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Keep executions and sandbox state in this directory')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; implied when stdin is not a terminal or `CI` is set')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'What the sandbox accounts run: apps per account and region, and the faults set')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Stop the sandbox and forget everything it ran, faults included')
            [CompletionResult]::new('fault', 'fault', [CompletionResultType]::ParameterValue, 'Make a sandbox region misbehave (crash-loop, start slowly, fail health, answer errors)')
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Start the shared sandbox in the background (if it is not running) and print its URLs')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop the shared sandbox, keeping its state for next time')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run the simulators standalone until interrupted')
            [CompletionResult]::new('daemon', 'daemon', [CompletionResultType]::ParameterValue, 'The background sandbox process that `gennaker` starts on demand (not for people)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'gennaker;sandbox;status' {
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of the default config file')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Keep executions and sandbox state in this directory')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; implied when stdin is not a terminal or `CI` is set')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gennaker;sandbox;reset' {
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of the default config file')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Keep executions and sandbox state in this directory')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; implied when stdin is not a terminal or `CI` is set')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gennaker;sandbox;fault' {
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of the default config file')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Keep executions and sandbox state in this directory')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; implied when stdin is not a terminal or `CI` is set')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gennaker;sandbox;start' {
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of the default config file')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Keep executions and sandbox state in this directory')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; implied when stdin is not a terminal or `CI` is set')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gennaker;sandbox;stop' {
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of the default config file')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Keep executions and sandbox state in this directory')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; implied when stdin is not a terminal or `CI` is set')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gennaker;sandbox;serve' {
            [CompletionResult]::new('--regions', '--regions', [CompletionResultType]::ParameterName, 'The regions to simulate, one DC/OS cluster each')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of the default config file')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Keep executions and sandbox state in this directory')
            [CompletionResult]::new('--persist', '--persist', [CompletionResultType]::ParameterName, 'Serve (and save) the sandbox state of the data directory, as the background sandbox does')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; implied when stdin is not a terminal or `CI` is set')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gennaker;sandbox;daemon' {
            [CompletionResult]::new('--idle-exit', '--idle-exit', [CompletionResultType]::ParameterName, 'Stop after this many seconds without any request (and no gennaker process using it)')
            [CompletionResult]::new('--output', '--output', [CompletionResultType]::ParameterName, 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]')
            [CompletionResult]::new('--color', '--color', [CompletionResultType]::ParameterName, 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off')
            [CompletionResult]::new('--config', '--config', [CompletionResultType]::ParameterName, 'Read settings from this file instead of the default config file')
            [CompletionResult]::new('--data-dir', '--data-dir', [CompletionResultType]::ParameterName, 'Keep executions and sandbox state in this directory')
            [CompletionResult]::new('-v', '-v', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('--verbose', '--verbose', [CompletionResultType]::ParameterName, 'Say more about what happens (repeat for more detail)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only results and errors')
            [CompletionResult]::new('--non-interactive', '--non-interactive', [CompletionResultType]::ParameterName, 'Never prompt; implied when stdin is not a terminal or `CI` is set')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            break
        }
        'gennaker;sandbox;help' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'What the sandbox accounts run: apps per account and region, and the faults set')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Stop the sandbox and forget everything it ran, faults included')
            [CompletionResult]::new('fault', 'fault', [CompletionResultType]::ParameterValue, 'Make a sandbox region misbehave (crash-loop, start slowly, fail health, answer errors)')
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Start the shared sandbox in the background (if it is not running) and print its URLs')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop the shared sandbox, keeping its state for next time')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run the simulators standalone until interrupted')
            [CompletionResult]::new('daemon', 'daemon', [CompletionResultType]::ParameterValue, 'The background sandbox process that `gennaker` starts on demand (not for people)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'gennaker;sandbox;help;status' {
            break
        }
        'gennaker;sandbox;help;reset' {
            break
        }
        'gennaker;sandbox;help;fault' {
            break
        }
        'gennaker;sandbox;help;start' {
            break
        }
        'gennaker;sandbox;help;stop' {
            break
        }
        'gennaker;sandbox;help;serve' {
            break
        }
        'gennaker;sandbox;help;daemon' {
            break
        }
        'gennaker;sandbox;help;help' {
            break
        }
        'gennaker;help' {
            [CompletionResult]::new('run', 'run', [CompletionResultType]::ParameterValue, 'Run a pipeline: stages in order, parallel branches at once, judgments answered as they come')
            [CompletionResult]::new('judge', 'judge', [CompletionResultType]::ParameterValue, 'Answer a manual judgment of an execution running in another shell or CI step')
            [CompletionResult]::new('executions', 'executions', [CompletionResultType]::ParameterValue, 'Executions kept on disk: list, show, cancel, resume')
            [CompletionResult]::new('validate', 'validate', [CompletionResultType]::ParameterValue, 'Check pipeline files and report every problem, located, before anything runs')
            [CompletionResult]::new('plan', 'plan', [CompletionResultType]::ParameterValue, 'Show what a pipeline would do: stages in order, parallel waves and their conditions')
            [CompletionResult]::new('clusters', 'clusters', [CompletionResultType]::ParameterValue, 'The global view: every server group of an application, over every account and region')
            [CompletionResult]::new('server-group', 'server-group', [CompletionResultType]::ParameterValue, 'One-off server group operations, through the same safety rails as the stages')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'gennaker''s own settings and the accounts it deploys to')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man pages (roff), one per command')
            [CompletionResult]::new('expr', 'expr', [CompletionResultType]::ParameterValue, 'Pipeline expressions (`${…}`)')
            [CompletionResult]::new('sandbox', 'sandbox', [CompletionResultType]::ParameterValue, 'Local simulated clouds to rehearse pipelines against')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'gennaker;help;run' {
            break
        }
        'gennaker;help;judge' {
            break
        }
        'gennaker;help;executions' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List executions, newest first')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one execution: its stages, or the whole document with `--output json`')
            [CompletionResult]::new('cancel', 'cancel', [CompletionResultType]::ParameterValue, 'Cancel an execution running in another shell')
            [CompletionResult]::new('resume', 'resume', [CompletionResultType]::ParameterValue, 'Continue an execution whose process died (killed, crashed, machine restarted) without redoing finished work')
            break
        }
        'gennaker;help;executions;list' {
            break
        }
        'gennaker;help;executions;show' {
            break
        }
        'gennaker;help;executions;cancel' {
            break
        }
        'gennaker;help;executions;resume' {
            break
        }
        'gennaker;help;validate' {
            break
        }
        'gennaker;help;plan' {
            break
        }
        'gennaker;help;clusters' {
            break
        }
        'gennaker;help;server-group' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one server group: capacity, instances, image, load balancers')
            [CompletionResult]::new('resize', 'resize', [CompletionResultType]::ParameterValue, 'Change a server group''s size; refused by a traffic guard when it would leave its cluster with no instances up')
            [CompletionResult]::new('enable', 'enable', [CompletionResultType]::ParameterValue, 'Put a disabled server group back into service')
            [CompletionResult]::new('disable', 'disable', [CompletionResultType]::ParameterValue, 'Take a server group out of service (kept, so it can be enabled again); refused by a traffic guard when it is the last one serving')
            [CompletionResult]::new('destroy', 'destroy', [CompletionResultType]::ParameterValue, 'Delete a server group (disabled first); refused by a traffic guard when it is the last one serving')
            break
        }
        'gennaker;help;server-group;show' {
            break
        }
        'gennaker;help;server-group;resize' {
            break
        }
        'gennaker;help;server-group;enable' {
            break
        }
        'gennaker;help;server-group;disable' {
            break
        }
        'gennaker;help;server-group;destroy' {
            break
        }
        'gennaker;help;config' {
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show the settings in effect: config file, data directory, and the config''s values')
            [CompletionResult]::new('account', 'account', [CompletionResultType]::ParameterValue, 'The accounts gennaker deploys to (Halyard-style)')
            break
        }
        'gennaker;help;config;show' {
            break
        }
        'gennaker;help;config;account' {
            [CompletionResult]::new('add', 'add', [CompletionResultType]::ParameterValue, 'Add (or replace) an account; checks it can log in to each region first')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the accounts, the built-in sandbox ones included')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one account''s settings (secrets are never shown, only where they come from)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove an account from the config file')
            break
        }
        'gennaker;help;config;account;add' {
            [CompletionResult]::new('dcos', 'dcos', [CompletionResultType]::ParameterValue, 'A DC/OS account: one DC/OS cluster per region (Marathon and Metronome behind its admin router)')
            [CompletionResult]::new('cloudfoundry', 'cloudfoundry', [CompletionResultType]::ParameterValue, 'A Cloud Foundry account: one foundation (Cloud Controller v3 and its UAA)')
            break
        }
        'gennaker;help;config;account;add;dcos' {
            break
        }
        'gennaker;help;config;account;add;cloudfoundry' {
            break
        }
        'gennaker;help;config;account;list' {
            break
        }
        'gennaker;help;config;account;show' {
            break
        }
        'gennaker;help;config;account;remove' {
            break
        }
        'gennaker;help;completions' {
            break
        }
        'gennaker;help;man' {
            break
        }
        'gennaker;help;expr' {
            [CompletionResult]::new('eval', 'eval', [CompletionResultType]::ParameterValue, 'Evaluate a pipeline expression as Spinnaker would and print the JSON result')
            break
        }
        'gennaker;help;expr;eval' {
            break
        }
        'gennaker;help;sandbox' {
            [CompletionResult]::new('status', 'status', [CompletionResultType]::ParameterValue, 'What the sandbox accounts run: apps per account and region, and the faults set')
            [CompletionResult]::new('reset', 'reset', [CompletionResultType]::ParameterValue, 'Stop the sandbox and forget everything it ran, faults included')
            [CompletionResult]::new('fault', 'fault', [CompletionResultType]::ParameterValue, 'Make a sandbox region misbehave (crash-loop, start slowly, fail health, answer errors)')
            [CompletionResult]::new('start', 'start', [CompletionResultType]::ParameterValue, 'Start the shared sandbox in the background (if it is not running) and print its URLs')
            [CompletionResult]::new('stop', 'stop', [CompletionResultType]::ParameterValue, 'Stop the shared sandbox, keeping its state for next time')
            [CompletionResult]::new('serve', 'serve', [CompletionResultType]::ParameterValue, 'Run the simulators standalone until interrupted')
            [CompletionResult]::new('daemon', 'daemon', [CompletionResultType]::ParameterValue, 'The background sandbox process that `gennaker` starts on demand (not for people)')
            break
        }
        'gennaker;help;sandbox;status' {
            break
        }
        'gennaker;help;sandbox;reset' {
            break
        }
        'gennaker;help;sandbox;fault' {
            break
        }
        'gennaker;help;sandbox;start' {
            break
        }
        'gennaker;help;sandbox;stop' {
            break
        }
        'gennaker;help;sandbox;serve' {
            break
        }
        'gennaker;help;sandbox;daemon' {
            break
        }
        'gennaker;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
