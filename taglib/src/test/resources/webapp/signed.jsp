<%@ page contentType="text/html; charset=UTF-8" pageEncoding="UTF-8" errorPage="/error.jsp" %>
<%@ taglib prefix="img" uri="urn:imgfilter:tags" %>
<!DOCTYPE html>
<html><body>
<img:signed src="${param.src}" preset="${param.preset}" presets="${param.presets}" widths="${param.widths}" dprs="${param.dprs}"
    options="${param.options}" sizes="${param.sizes}" ttl="${param.ttl}" expires="${param.expires}"
    filter="${param.filter}" alt="${param.alt}" width="${param.width}" class="hero" loading="lazy"/>
</body></html>
