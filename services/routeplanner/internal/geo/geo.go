// Package geo is the small amount of spherical geometry route planning
// needs: great-circle distances, bearings and the distance from a point to
// a path. All functions work in WGS84 degrees and kilometres on a spherical
// Earth, which is well within a traveller's GPS error at Kanto's scale.
package geo

import "math"

// EarthRadiusKM is the mean Earth radius (IUGG) used by every function here.
const EarthRadiusKM = 6371.0088

const rad = math.Pi / 180

// DistanceKM returns the great-circle (haversine) distance between two
// points.
func DistanceKM(lat1, lng1, lat2, lng2 float64) float64 {
	dLat := (lat2 - lat1) * rad
	dLng := (lng2 - lng1) * rad
	s := math.Sin(dLat/2)*math.Sin(dLat/2) +
		math.Cos(lat1*rad)*math.Cos(lat2*rad)*math.Sin(dLng/2)*math.Sin(dLng/2)
	// Min guards against rounding pushing s just above 1 for antipodes.
	return 2 * EarthRadiusKM * math.Asin(math.Min(1, math.Sqrt(s)))
}

// BearingDegrees returns the initial compass bearing from the first point
// to the second, from 0 (north) clockwise to just under 360.
func BearingDegrees(lat1, lng1, lat2, lng2 float64) float64 {
	phi1, phi2 := lat1*rad, lat2*rad
	dLng := (lng2 - lng1) * rad
	y := math.Sin(dLng) * math.Cos(phi2)
	x := math.Cos(phi1)*math.Sin(phi2) - math.Sin(phi1)*math.Cos(phi2)*math.Cos(dLng)
	b := math.Atan2(y, x) / rad
	if b < 0 {
		b += 360
	}
	return b
}

var compassPoints = [8]string{"north", "north-east", "east", "south-east", "south", "south-west", "west", "north-west"}

// Compass names the nearest of the eight compass points to a bearing in
// degrees, for example "north-east" for 50.
func Compass(bearing float64) string {
	b := math.Mod(bearing, 360)
	if b < 0 {
		b += 360
	}
	return compassPoints[int(math.Round(b/45))%8]
}

// SegmentDistanceKM returns the distance from point p to the segment from
// a to b. It projects the three points onto a plane tangent at p
// (equirectangular), which is accurate to well under a percent for
// segments of a few hundred kilometres, the scale of the Kanto map.
func SegmentDistanceKM(pLat, pLng, aLat, aLng, bLat, bLng float64) float64 {
	kx := EarthRadiusKM * rad * math.Cos(pLat*rad)
	ky := EarthRadiusKM * rad
	ax, ay := (aLng-pLng)*kx, (aLat-pLat)*ky
	bx, by := (bLng-pLng)*kx, (bLat-pLat)*ky
	dx, dy := bx-ax, by-ay
	t := 0.0
	if l2 := dx*dx + dy*dy; l2 > 0 {
		// The point of the segment nearest the origin (p), clamped to the
		// segment's ends.
		t = math.Max(0, math.Min(1, -(ax*dx+ay*dy)/l2))
	}
	return math.Hypot(ax+t*dx, ay+t*dy)
}
