"""Count and parse X post text exactly as twitter-text 3.1 does (config v2 and v3)."""
