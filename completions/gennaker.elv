
use builtin;
use str;

set edit:completion:arg-completer[gennaker] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'gennaker'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'gennaker'= {
            cand --output 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]'
            cand --color 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off'
            cand --config 'Read settings from this file instead of the default config file'
            cand --data-dir 'Keep executions and sandbox state in this directory'
            cand -v 'Say more about what happens (repeat for more detail)'
            cand --verbose 'Say more about what happens (repeat for more detail)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand --non-interactive 'Never prompt; implied when stdin is not a terminal or `CI` is set'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand validate 'Check pipeline files and report every problem, located, before anything runs'
            cand plan 'Show what a pipeline would do: stages in order, parallel waves and their conditions'
            cand config 'gennaker''s own settings'
            cand completions 'Print a shell completion script'
            cand man 'Print the man pages (roff), one per command'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'gennaker;validate'= {
            cand --pipeline 'Pick the pipeline with this name from a file holding several'
            cand --pipeline-id 'Pick the pipeline with this id from a file holding several'
            cand --output 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]'
            cand --color 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off'
            cand --config 'Read settings from this file instead of the default config file'
            cand --data-dir 'Keep executions and sandbox state in this directory'
            cand -v 'Say more about what happens (repeat for more detail)'
            cand --verbose 'Say more about what happens (repeat for more detail)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand --non-interactive 'Never prompt; implied when stdin is not a terminal or `CI` is set'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'gennaker;plan'= {
            cand --pipeline 'Pick the pipeline with this name from a file holding several'
            cand --pipeline-id 'Pick the pipeline with this id from a file holding several'
            cand --output 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]'
            cand --color 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off'
            cand --config 'Read settings from this file instead of the default config file'
            cand --data-dir 'Keep executions and sandbox state in this directory'
            cand -v 'Say more about what happens (repeat for more detail)'
            cand --verbose 'Say more about what happens (repeat for more detail)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand --non-interactive 'Never prompt; implied when stdin is not a terminal or `CI` is set'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'gennaker;config'= {
            cand --output 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]'
            cand --color 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off'
            cand --config 'Read settings from this file instead of the default config file'
            cand --data-dir 'Keep executions and sandbox state in this directory'
            cand -v 'Say more about what happens (repeat for more detail)'
            cand --verbose 'Say more about what happens (repeat for more detail)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand --non-interactive 'Never prompt; implied when stdin is not a terminal or `CI` is set'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand show 'Show the settings in effect: config file, data directory, and the config''s values'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'gennaker;config;show'= {
            cand --output 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]'
            cand --color 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off'
            cand --config 'Read settings from this file instead of the default config file'
            cand --data-dir 'Keep executions and sandbox state in this directory'
            cand -v 'Say more about what happens (repeat for more detail)'
            cand --verbose 'Say more about what happens (repeat for more detail)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand --non-interactive 'Never prompt; implied when stdin is not a terminal or `CI` is set'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'gennaker;config;help'= {
            cand show 'Show the settings in effect: config file, data directory, and the config''s values'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'gennaker;config;help;show'= {
        }
        &'gennaker;config;help;help'= {
        }
        &'gennaker;completions'= {
            cand --output 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]'
            cand --color 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off'
            cand --config 'Read settings from this file instead of the default config file'
            cand --data-dir 'Keep executions and sandbox state in this directory'
            cand -v 'Say more about what happens (repeat for more detail)'
            cand --verbose 'Say more about what happens (repeat for more detail)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand --non-interactive 'Never prompt; implied when stdin is not a terminal or `CI` is set'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'gennaker;man'= {
            cand --out-dir 'Write one page per command into this directory instead of printing the main page'
            cand --output 'How to print results: a table for people, plain lines for logs, or JSON for programs [default: table on a terminal, plain otherwise]'
            cand --color 'When to use colours; `NO_COLOR` and `CLICOLOR=0` also turn them off'
            cand --config 'Read settings from this file instead of the default config file'
            cand --data-dir 'Keep executions and sandbox state in this directory'
            cand -v 'Say more about what happens (repeat for more detail)'
            cand --verbose 'Say more about what happens (repeat for more detail)'
            cand -q 'Print only results and errors'
            cand --quiet 'Print only results and errors'
            cand --non-interactive 'Never prompt; implied when stdin is not a terminal or `CI` is set'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
        }
        &'gennaker;help'= {
            cand validate 'Check pipeline files and report every problem, located, before anything runs'
            cand plan 'Show what a pipeline would do: stages in order, parallel waves and their conditions'
            cand config 'gennaker''s own settings'
            cand completions 'Print a shell completion script'
            cand man 'Print the man pages (roff), one per command'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'gennaker;help;validate'= {
        }
        &'gennaker;help;plan'= {
        }
        &'gennaker;help;config'= {
            cand show 'Show the settings in effect: config file, data directory, and the config''s values'
        }
        &'gennaker;help;config;show'= {
        }
        &'gennaker;help;completions'= {
        }
        &'gennaker;help;man'= {
        }
        &'gennaker;help;help'= {
        }
    ]
    $completions[$command]
}
