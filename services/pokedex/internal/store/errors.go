package store

import (
	"errors"

	"modernc.org/sqlite"
	sqlite3 "modernc.org/sqlite/lib"
)

// Code classifies the domain errors of the store. Callers translate it into
// their own protocol (the gRPC handlers into status codes); any error that
// is not an *Error is unexpected.
type Code int

const (
	// CodeNotFound means a species does not exist.
	CodeNotFound Code = iota + 1
	// CodeAlreadyExists means a species id or name is taken.
	CodeAlreadyExists
	// CodeConflict means a CreatePokemon request id was reused for a
	// different species: the request conflicts with what the store
	// recorded, not with a rule of its own.
	CodeConflict
	// CodeInvalidArgument means a value breaks one of the store's
	// invariants (see Pokemon). Callers validate first, so this is a
	// backstop.
	CodeInvalidArgument
)

// String returns the code's name, for logs.
func (c Code) String() string {
	switch c {
	case CodeNotFound:
		return "not_found"
	case CodeAlreadyExists:
		return "already_exists"
	case CodeConflict:
		return "conflict"
	case CodeInvalidArgument:
		return "invalid_argument"
	default:
		return "unknown"
	}
}

// Error is a domain error of the store. Its Message is safe to show to
// clients. Match it with errors.Is against ErrNotFound, ErrAlreadyExists,
// ErrConflict or ErrInvalidArgument (which compare codes only), or with
// errors.As to read its fields.
type Error struct {
	// Code classifies the error.
	Code Code
	// Message describes the error for clients.
	Message string
	// Field names the offending field of a species for CodeAlreadyExists
	// ("id" or "name") and CodeInvalidArgument (empty if unknown).
	Field string
	// IDs are the species concerned: the missing ones for CodeNotFound, the
	// existing species that holds the id or name for CodeAlreadyExists.
	IDs []int32
	// RequestID is the reused request id for CodeConflict.
	RequestID string
}

// Error implements error.
func (e *Error) Error() string { return e.Message }

// Is reports whether target is an *Error with the same code, so that
// errors.Is(err, ErrNotFound) matches every not-found error whatever its
// message.
func (e *Error) Is(target error) bool {
	t, ok := target.(*Error)
	return ok && t.Code == e.Code
}

// Sentinels for errors.Is; compare codes only.
var (
	// ErrNotFound matches errors with CodeNotFound.
	ErrNotFound = &Error{Code: CodeNotFound, Message: "not found"}
	// ErrAlreadyExists matches errors with CodeAlreadyExists.
	ErrAlreadyExists = &Error{Code: CodeAlreadyExists, Message: "already exists"}
	// ErrConflict matches errors with CodeConflict.
	ErrConflict = &Error{Code: CodeConflict, Message: "conflict"}
	// ErrInvalidArgument matches errors with CodeInvalidArgument.
	ErrInvalidArgument = &Error{Code: CodeInvalidArgument, Message: "invalid argument"}
)

// constraintError turns a SQLite constraint failure into a domain error,
// and returns any other error unchanged. Writes check ids and names first
// to say which one clashed; this is the backstop for what they cannot
// foresee, such as a CHECK constraint.
func constraintError(err error) error {
	var serr *sqlite.Error
	if !errors.As(err, &serr) || serr.Code()&0xff != sqlite3.SQLITE_CONSTRAINT {
		return err
	}
	switch serr.Code() {
	case sqlite3.SQLITE_CONSTRAINT_UNIQUE, sqlite3.SQLITE_CONSTRAINT_PRIMARYKEY:
		return &Error{Code: CodeAlreadyExists, Message: "the species id or name is taken"}
	default:
		return &Error{Code: CodeInvalidArgument, Message: "the species breaks a constraint of the store"}
	}
}
